CREATE TABLE "stat_periods" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"unit_id" uuid NOT NULL,
	"form_code" text NOT NULL,
	"title" text NOT NULL,
	"definition" jsonb NOT NULL,
	"year" integer NOT NULL,
	"quarter" integer NOT NULL,
	"deadline_at" timestamp with time zone NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stat_reminders" (
	"school_id" uuid NOT NULL,
	"period_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"recipients" integer NOT NULL,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "stat_reminders_school_id_period_id_kind_pk" PRIMARY KEY("school_id","period_id","kind")
);
--> statement-breakpoint
CREATE TABLE "stat_submissions" (
	"school_id" uuid NOT NULL,
	"period_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"status" text NOT NULL,
	"values" jsonb NOT NULL,
	"submitted_at" timestamp with time zone,
	"submitted_by" uuid,
	"late" boolean DEFAULT false NOT NULL,
	"reviewed_at" timestamp with time zone,
	"reviewed_by" uuid,
	"review_comment" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "stat_submissions_school_id_period_id_pk" PRIMARY KEY("school_id","period_id")
);
--> statement-breakpoint
ALTER TABLE "stat_periods" ADD CONSTRAINT "stat_periods_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stat_reminders" ADD CONSTRAINT "stat_reminders_school_id_units_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stat_submissions" ADD CONSTRAINT "stat_submissions_school_id_units_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "stat_periods_unit_form_quarter_uq" ON "stat_periods" USING btree ("unit_id","form_code","year","quarter");--> statement-breakpoint
CREATE UNIQUE INDEX "stat_submissions_id_uq" ON "stat_submissions" USING btree ("school_id","id");