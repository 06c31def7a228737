CREATE TABLE "privacy_consents" (
	"school_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"student_id" uuid NOT NULL,
	"purpose" text NOT NULL,
	"status" text NOT NULL,
	"notice_version" text NOT NULL,
	"guardian_id" uuid,
	"channel" text NOT NULL,
	"recorded_by_user_id" uuid,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "privacy_consents_school_id_id_pk" PRIMARY KEY("school_id","id")
);
--> statement-breakpoint
CREATE INDEX "privacy_consents_student_idx" ON "privacy_consents" USING btree ("school_id","student_id","purpose","recorded_at");