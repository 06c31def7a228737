CREATE TABLE "grade_unlock_requests" (
	"school_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"class_id" uuid NOT NULL,
	"school_year_id" uuid NOT NULL,
	"term_no" smallint NOT NULL,
	"subject_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"requested_by" uuid NOT NULL,
	"requested_by_name" text NOT NULL,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_by" uuid,
	"decided_by_name" text,
	"decided_at" timestamp with time zone,
	"decision_reason" text,
	"unlock_id" uuid,
	CONSTRAINT "grade_unlock_requests_school_id_id_pk" PRIMARY KEY("school_id","id")
);
--> statement-breakpoint
CREATE TABLE "transcript_sign_batches" (
	"school_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"class_id" uuid NOT NULL,
	"role" text NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"total" integer DEFAULT 0 NOT NULL,
	"processed" integer DEFAULT 0 NOT NULL,
	"signed" integer DEFAULT 0 NOT NULL,
	"skipped" jsonb,
	"errors" jsonb,
	"message" text,
	"job_id" bigint,
	"signer_name" text,
	"certificate_fingerprint" text,
	"requested_by" uuid NOT NULL,
	"requested_by_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	CONSTRAINT "transcript_sign_batches_school_id_id_pk" PRIMARY KEY("school_id","id")
);
--> statement-breakpoint
ALTER TABLE "grade_student_results" ADD COLUMN "absent_excused" integer;--> statement-breakpoint
ALTER TABLE "grade_student_results" ADD COLUMN "absent_unexcused" integer;--> statement-breakpoint
ALTER TABLE "jobs" ADD COLUMN "affinity" text;--> statement-breakpoint
CREATE INDEX "grade_unlock_requests_status_idx" ON "grade_unlock_requests" USING btree ("school_id","status","requested_at");--> statement-breakpoint
CREATE INDEX "grade_unlock_requests_class_idx" ON "grade_unlock_requests" USING btree ("school_id","class_id","school_year_id","term_no");--> statement-breakpoint
CREATE INDEX "grade_unlock_requests_requester_idx" ON "grade_unlock_requests" USING btree ("school_id","requested_by");--> statement-breakpoint
CREATE INDEX "transcript_sign_batches_class_idx" ON "transcript_sign_batches" USING btree ("school_id","class_id","created_at");