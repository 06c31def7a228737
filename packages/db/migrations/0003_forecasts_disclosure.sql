CREATE TABLE "disclosure_documents" (
	"school_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"section" text NOT NULL,
	"title" text NOT NULL,
	"file_name" text NOT NULL,
	"stored_name" text NOT NULL,
	"size_bytes" bigint NOT NULL,
	"sha256" text NOT NULL,
	"published" boolean DEFAULT true NOT NULL,
	"uploaded_by" uuid,
	"uploaded_by_name" text,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "disclosure_documents_school_id_id_pk" PRIMARY KEY("school_id","id")
);
--> statement-breakpoint
CREATE TABLE "public_feedback" (
	"school_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"tracking_code" text NOT NULL,
	"name" text,
	"contact" text NOT NULL,
	"subject" text NOT NULL,
	"message" text NOT NULL,
	"status" text DEFAULT 'new' NOT NULL,
	"assignee_user_id" uuid,
	"assignee_name" text,
	"answer" text,
	"answered_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "public_feedback_school_id_id_pk" PRIMARY KEY("school_id","id")
);
--> statement-breakpoint
CREATE TABLE "birth_cohorts" (
	"unit_id" uuid NOT NULL,
	"commune" text NOT NULL,
	"birth_year" integer NOT NULL,
	"births" integer NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "birth_cohorts_unit_id_commune_birth_year_pk" PRIMARY KEY("unit_id","commune","birth_year")
);
--> statement-breakpoint
CREATE TABLE "enrolment_snapshots" (
	"school_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"grade" integer NOT NULL,
	"students" integer NOT NULL,
	"source" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "enrolment_snapshots_school_id_year_grade_pk" PRIMARY KEY("school_id","year","grade")
);
--> statement-breakpoint
ALTER TABLE "disclosure_documents" ADD CONSTRAINT "disclosure_documents_school_id_units_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "public_feedback" ADD CONSTRAINT "public_feedback_school_id_units_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "birth_cohorts" ADD CONSTRAINT "birth_cohorts_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrolment_snapshots" ADD CONSTRAINT "enrolment_snapshots_school_id_units_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "disclosure_documents_section_idx" ON "disclosure_documents" USING btree ("school_id","section");--> statement-breakpoint
CREATE UNIQUE INDEX "public_feedback_code_uq" ON "public_feedback" USING btree ("school_id","tracking_code");--> statement-breakpoint
CREATE INDEX "public_feedback_status_idx" ON "public_feedback" USING btree ("school_id","status","created_at");--> statement-breakpoint
CREATE INDEX "public_feedback_code_idx" ON "public_feedback" USING btree ("tracking_code");--> statement-breakpoint
CREATE INDEX "birth_cohorts_year_idx" ON "birth_cohorts" USING btree ("unit_id","birth_year");