CREATE TABLE "attendance_device_commands" (
	"school_id" uuid NOT NULL,
	"id" bigserial NOT NULL,
	"device_id" uuid NOT NULL,
	"command" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"retries" integer DEFAULT 0 NOT NULL,
	"return_code" integer,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	CONSTRAINT "attendance_device_commands_school_id_id_pk" PRIMARY KEY("school_id","id")
);
--> statement-breakpoint
CREATE TABLE "attendance_device_users" (
	"school_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"device_id" uuid,
	"pin" text NOT NULL,
	"person_kind" text NOT NULL,
	"person_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "attendance_device_users_school_id_id_pk" PRIMARY KEY("school_id","id"),
	CONSTRAINT "attendance_device_users_pin_uq" UNIQUE NULLS NOT DISTINCT("school_id","device_id","pin"),
	CONSTRAINT "attendance_device_users_person_uq" UNIQUE NULLS NOT DISTINCT("school_id","device_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "attendance_devices" (
	"school_id" uuid,
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"site_id" uuid,
	"sn" text,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"webhook_secret" text,
	"attlog_stamp" text DEFAULT '0' NOT NULL,
	"operlog_stamp" text DEFAULT '0' NOT NULL,
	"attphoto_stamp" text DEFAULT '0' NOT NULL,
	"push_version" text,
	"info" text,
	"last_seen_at" timestamp with time zone,
	"last_ip" text,
	"ip_changed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "attendance_devices_sn_unique" UNIQUE("sn")
);
--> statement-breakpoint
CREATE TABLE "attendance_punches" (
	"school_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"device_id" uuid NOT NULL,
	"device_sn" text,
	"pin" text NOT NULL,
	"local_time" text NOT NULL,
	"local_date" date NOT NULL,
	"punched_at" timestamp with time zone NOT NULL,
	"status" integer,
	"state" text NOT NULL,
	"verify" integer,
	"workcode" text,
	"person_kind" text,
	"person_id" uuid,
	"future" boolean DEFAULT false NOT NULL,
	"source" text NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "attendance_punches_school_id_id_pk" PRIMARY KEY("school_id","id")
);
--> statement-breakpoint
CREATE TABLE "attendance_records" (
	"school_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"person_kind" text NOT NULL,
	"person_id" uuid NOT NULL,
	"class_id" uuid,
	"date" date NOT NULL,
	"period" integer DEFAULT 0 NOT NULL,
	"status" text NOT NULL,
	"note" text,
	"source" text NOT NULL,
	"recorded_by" uuid,
	"arrived_at" timestamp with time zone,
	"left_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "attendance_records_school_id_id_pk" PRIMARY KEY("school_id","id")
);
--> statement-breakpoint
CREATE TABLE "attendance_roll_calls" (
	"school_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"class_id" uuid,
	"date" date NOT NULL,
	"period" integer DEFAULT 0 NOT NULL,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "attendance_roll_calls_school_id_id_pk" PRIMARY KEY("school_id","id"),
	CONSTRAINT "attendance_roll_calls_uq" UNIQUE NULLS NOT DISTINCT("school_id","class_id","date","period")
);
--> statement-breakpoint
CREATE TABLE "announcement_reads" (
	"school_id" uuid NOT NULL,
	"announcement_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"read_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "announcement_reads_school_id_announcement_id_user_id_pk" PRIMARY KEY("school_id","announcement_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "announcements" (
	"school_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"class_id" uuid,
	"audience" text NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"pinned" boolean DEFAULT false NOT NULL,
	"publish_at" timestamp with time zone DEFAULT now() NOT NULL,
	"author_user_id" uuid NOT NULL,
	"author_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "announcements_school_id_id_pk" PRIMARY KEY("school_id","id")
);
--> statement-breakpoint
CREATE TABLE "message_threads" (
	"school_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"class_id" uuid,
	"student_id" uuid,
	"title" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_message_at" timestamp with time zone,
	CONSTRAINT "message_threads_school_id_id_pk" PRIMARY KEY("school_id","id")
);
--> statement-breakpoint
CREATE TABLE "messages" (
	"school_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"thread_id" uuid NOT NULL,
	"sender_user_id" uuid NOT NULL,
	"sender_name" text NOT NULL,
	"sender_role" text NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "messages_school_id_id_pk" PRIMARY KEY("school_id","id")
);
--> statement-breakpoint
CREATE TABLE "notification_preferences" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"email" boolean DEFAULT true NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"user_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"school_id" uuid,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"link" text,
	"dedupe_key" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"read_at" timestamp with time zone,
	CONSTRAINT "notifications_user_id_id_pk" PRIMARY KEY("user_id","id")
);
--> statement-breakpoint
CREATE TABLE "thread_reads" (
	"school_id" uuid NOT NULL,
	"thread_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"last_read_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "thread_reads_school_id_thread_id_user_id_pk" PRIMARY KEY("school_id","thread_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "conduct_ratings" (
	"school_id" uuid NOT NULL,
	"school_year_id" uuid NOT NULL,
	"student_id" uuid NOT NULL,
	"term_no" smallint NOT NULL,
	"aspect" text NOT NULL,
	"class_id" uuid NOT NULL,
	"level" text NOT NULL,
	"comment" text,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "conduct_ratings_school_id_school_year_id_student_id_term_no_aspect_pk" PRIMARY KEY("school_id","school_year_id","student_id","term_no","aspect")
);
--> statement-breakpoint
CREATE TABLE "grade_entries" (
	"school_id" uuid NOT NULL,
	"school_year_id" uuid NOT NULL,
	"student_id" uuid NOT NULL,
	"subject_id" uuid NOT NULL,
	"term_no" smallint NOT NULL,
	"kind" text NOT NULL,
	"slot_index" smallint DEFAULT 0 NOT NULL,
	"class_id" uuid NOT NULL,
	"score" numeric(3, 1),
	"result" text,
	"comment" text,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "grade_entries_school_id_school_year_id_student_id_subject_id_term_no_kind_slot_index_pk" PRIMARY KEY("school_id","school_year_id","student_id","subject_id","term_no","kind","slot_index")
);
--> statement-breakpoint
CREATE TABLE "grade_publications" (
	"school_id" uuid NOT NULL,
	"class_id" uuid NOT NULL,
	"subject_id" uuid NOT NULL,
	"school_year_id" uuid NOT NULL,
	"term_no" smallint NOT NULL,
	"published_by" uuid,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "grade_publications_school_id_class_id_subject_id_school_year_id_term_no_pk" PRIMARY KEY("school_id","class_id","subject_id","school_year_id","term_no")
);
--> statement-breakpoint
CREATE TABLE "grade_student_results" (
	"school_id" uuid NOT NULL,
	"school_year_id" uuid NOT NULL,
	"student_id" uuid NOT NULL,
	"period" text NOT NULL,
	"class_id" uuid NOT NULL,
	"learning" text,
	"conduct" text,
	"promotion" text,
	"award" text,
	"primary_result" text,
	"status" text NOT NULL,
	"missing" jsonb,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "grade_student_results_school_id_school_year_id_student_id_period_pk" PRIMARY KEY("school_id","school_year_id","student_id","period")
);
--> statement-breakpoint
CREATE TABLE "grade_subject_results" (
	"school_id" uuid NOT NULL,
	"school_year_id" uuid NOT NULL,
	"student_id" uuid NOT NULL,
	"subject_id" uuid NOT NULL,
	"period" text NOT NULL,
	"class_id" uuid NOT NULL,
	"average" numeric(3, 1),
	"result" text,
	"test_score" numeric(3, 1),
	"status" text NOT NULL,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "grade_subject_results_school_id_school_year_id_student_id_subject_id_period_pk" PRIMARY KEY("school_id","school_year_id","student_id","subject_id","period")
);
--> statement-breakpoint
CREATE TABLE "grade_term_locks" (
	"school_id" uuid NOT NULL,
	"class_id" uuid NOT NULL,
	"school_year_id" uuid NOT NULL,
	"term_no" smallint NOT NULL,
	"status" text NOT NULL,
	"locked_by" uuid,
	"locked_by_name" text,
	"locked_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "grade_term_locks_school_id_class_id_school_year_id_term_no_pk" PRIMARY KEY("school_id","class_id","school_year_id","term_no")
);
--> statement-breakpoint
CREATE TABLE "grade_unlocks" (
	"school_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"class_id" uuid NOT NULL,
	"school_year_id" uuid NOT NULL,
	"term_no" smallint NOT NULL,
	"reason" text NOT NULL,
	"unlocked_by" uuid,
	"unlocked_by_name" text,
	"unlocked_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "grade_unlocks_school_id_id_pk" PRIMARY KEY("school_id","id")
);
--> statement-breakpoint
CREATE TABLE "jobs" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"payload" jsonb NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"max_attempts" integer DEFAULT 5 NOT NULL,
	"run_at" timestamp with time zone DEFAULT now() NOT NULL,
	"locked_at" timestamp with time zone,
	"locked_by" text,
	"last_error" text,
	"dedupe_key" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "ops_budget_lines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"appendix" text NOT NULL,
	"code" text NOT NULL,
	"item" text NOT NULL,
	"unit_name" text NOT NULL,
	"quantity" integer NOT NULL,
	"unit_price" bigint NOT NULL,
	"amount" bigint NOT NULL,
	"funding_source" text DEFAULT 'budget' NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ops_commendations" (
	"school_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid,
	"recipient_kind" text NOT NULL,
	"recipient_name" text NOT NULL,
	"staff_id" uuid,
	"title" text NOT NULL,
	"decision_no" text,
	"decided_on" date NOT NULL,
	"reason" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ops_commendations_school_id_id_pk" PRIMARY KEY("school_id","id")
);
--> statement-breakpoint
CREATE TABLE "ops_contributions" (
	"school_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid,
	"contributor_kind" text NOT NULL,
	"contributor_name" text NOT NULL,
	"form" text NOT NULL,
	"amount" bigint NOT NULL,
	"description" text NOT NULL,
	"received_on" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ops_contributions_school_id_id_pk" PRIMARY KEY("school_id","id")
);
--> statement-breakpoint
CREATE TABLE "ops_equipment" (
	"school_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"room_id" uuid,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"asset_code" text,
	"quantity" integer DEFAULT 1 NOT NULL,
	"status" text DEFAULT 'working' NOT NULL,
	"funding_source" text DEFAULT 'budget' NOT NULL,
	"budget_line_id" uuid,
	"unit_cost" bigint,
	"acquired_on" date,
	"license_expires_on" date,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ops_equipment_school_id_id_pk" PRIMARY KEY("school_id","id")
);
--> statement-breakpoint
CREATE TABLE "ops_equipment_usage" (
	"school_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"room_id" uuid NOT NULL,
	"class_id" uuid,
	"staff_id" uuid,
	"subject_id" uuid,
	"used_on" date NOT NULL,
	"periods" integer DEFAULT 1 NOT NULL,
	"activity" text,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ops_equipment_usage_school_id_id_pk" PRIMARY KEY("school_id","id")
);
--> statement-breakpoint
CREATE TABLE "ops_feed_cursors" (
	"name" text PRIMARY KEY NOT NULL,
	"position" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ops_group_stats" (
	"group_id" uuid NOT NULL,
	"school_year_id" uuid NOT NULL,
	"metric" text NOT NULL,
	"dim" text DEFAULT '' NOT NULL,
	"value" double precision NOT NULL,
	CONSTRAINT "ops_group_stats_group_id_school_year_id_metric_dim_pk" PRIMARY KEY("group_id","school_year_id","metric","dim")
);
--> statement-breakpoint
CREATE TABLE "ops_inspections" (
	"school_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid,
	"inspected_on" date NOT NULL,
	"team" text NOT NULL,
	"conclusion" text NOT NULL,
	"rating" text,
	"findings" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ops_inspections_school_id_id_pk" PRIMARY KEY("school_id","id")
);
--> statement-breakpoint
CREATE TABLE "ops_plan_schools" (
	"school_id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	CONSTRAINT "ops_plan_schools_school_id_plan_id_pk" PRIMARY KEY("school_id","plan_id")
);
--> statement-breakpoint
CREATE TABLE "ops_plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"unit_id" uuid NOT NULL,
	"code" text NOT NULL,
	"title" text NOT NULL,
	"issuer" text NOT NULL,
	"issued_on" date NOT NULL,
	"legal_basis" text,
	"objectives" text,
	"period_start" date NOT NULL,
	"period_end" date NOT NULL,
	"school_year_id" uuid,
	"status" text DEFAULT 'active' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ops_rollup_state" (
	"school_id" uuid NOT NULL,
	"refreshed_at" timestamp with time zone,
	"dirty_since" timestamp with time zone,
	"refresh_ms" integer,
	CONSTRAINT "ops_rollup_state_school_id_pk" PRIMARY KEY("school_id")
);
--> statement-breakpoint
CREATE TABLE "ops_school_stats" (
	"school_id" uuid NOT NULL,
	"school_year_id" uuid NOT NULL,
	"metric" text NOT NULL,
	"dim" text DEFAULT '' NOT NULL,
	"value" double precision NOT NULL,
	CONSTRAINT "ops_school_stats_school_id_school_year_id_metric_dim_pk" PRIMARY KEY("school_id","school_year_id","metric","dim")
);
--> statement-breakpoint
CREATE TABLE "ops_smart_rooms" (
	"school_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"class_id" uuid,
	"plan_id" uuid,
	"status" text DEFAULT 'planned' NOT NULL,
	"commissioned_on" date,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ops_smart_rooms_school_id_id_pk" PRIMARY KEY("school_id","id")
);
--> statement-breakpoint
CREATE TABLE "ops_spending" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"budget_line_id" uuid NOT NULL,
	"school_id" uuid,
	"spent_on" date NOT NULL,
	"amount" bigint NOT NULL,
	"voucher_no" text,
	"description" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ops_target_allocations" (
	"school_id" uuid NOT NULL,
	"target_id" uuid NOT NULL,
	"target_value" double precision NOT NULL,
	CONSTRAINT "ops_target_allocations_school_id_target_id_pk" PRIMARY KEY("school_id","target_id")
);
--> statement-breakpoint
CREATE TABLE "ops_target_reports" (
	"school_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"target_id" uuid NOT NULL,
	"as_of" date NOT NULL,
	"numerator" double precision NOT NULL,
	"denominator" double precision,
	"evidence" text NOT NULL,
	"note" text,
	"reported_by" uuid,
	"reported_by_name" text,
	"reported_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ops_target_reports_school_id_id_pk" PRIMARY KEY("school_id","id")
);
--> statement-breakpoint
CREATE TABLE "ops_target_snapshots" (
	"school_id" uuid NOT NULL,
	"target_id" uuid NOT NULL,
	"day" date NOT NULL,
	"numerator" double precision,
	"denominator" double precision,
	"value" double precision,
	"status" text NOT NULL,
	CONSTRAINT "ops_target_snapshots_school_id_target_id_day_pk" PRIMARY KEY("school_id","target_id","day")
);
--> statement-breakpoint
CREATE TABLE "ops_targets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"code" text NOT NULL,
	"title" text NOT NULL,
	"kind" text NOT NULL,
	"definition" text,
	"measure" text NOT NULL,
	"comparator" text DEFAULT 'gte' NOT NULL,
	"target_value" double precision NOT NULL,
	"at_risk_margin" double precision,
	"due_date" date,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "question_media" (
	"school_id" uuid NOT NULL,
	"sha256" text NOT NULL,
	"content_type" text NOT NULL,
	"size" bigint NOT NULL,
	"file_name" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "question_media_school_id_sha256_pk" PRIMARY KEY("school_id","sha256")
);
--> statement-breakpoint
CREATE TABLE "questions" (
	"school_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"owner_user_id" uuid,
	"owner_name" text,
	"scope" text DEFAULT 'own' NOT NULL,
	"share_unit_id" uuid NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"reviewer_user_id" uuid,
	"reviewer_name" text,
	"review_comment" text,
	"reviewed_at" timestamp with time zone,
	"subject_code" text NOT NULL,
	"grade" smallint NOT NULL,
	"topic" text NOT NULL,
	"level" text NOT NULL,
	"type" text NOT NULL,
	"content" jsonb NOT NULL,
	"answer_key" jsonb NOT NULL,
	"points" double precision NOT NULL,
	"explanation" text,
	"content_hash" text NOT NULL,
	"search_text" text DEFAULT '' NOT NULL,
	"external_id" text,
	"source" text DEFAULT 'manual' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "questions_school_id_id_pk" PRIMARY KEY("school_id","id")
);
--> statement-breakpoint
CREATE TABLE "test_items" (
	"school_id" uuid NOT NULL,
	"test_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"question_school_id" uuid NOT NULL,
	"question_id" uuid NOT NULL,
	"points" double precision NOT NULL,
	"type" text NOT NULL,
	"level" text NOT NULL,
	"topic" text NOT NULL,
	"content" jsonb NOT NULL,
	"answer_key" jsonb NOT NULL,
	"explanation" text,
	CONSTRAINT "test_items_school_id_test_id_position_pk" PRIMARY KEY("school_id","test_id","position")
);
--> statement-breakpoint
CREATE TABLE "test_versions" (
	"school_id" uuid NOT NULL,
	"test_id" uuid NOT NULL,
	"code" text NOT NULL,
	"seed" bigint NOT NULL,
	"items" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "test_versions_school_id_test_id_code_pk" PRIMARY KEY("school_id","test_id","code")
);
--> statement-breakpoint
CREATE TABLE "tests" (
	"school_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"owner_user_id" uuid,
	"owner_name" text,
	"title" text NOT NULL,
	"subject_code" text NOT NULL,
	"grade" smallint NOT NULL,
	"duration_minutes" integer DEFAULT 45 NOT NULL,
	"instructions" text,
	"scope" text DEFAULT 'own' NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"locked_until" timestamp with time zone,
	"blueprint" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tests_school_id_id_pk" PRIMARY KEY("school_id","id")
);
--> statement-breakpoint
CREATE TABLE "transcript_confirmations" (
	"school_id" uuid NOT NULL,
	"transcript_id" uuid NOT NULL,
	"subject_id" uuid NOT NULL,
	"staff_id" uuid,
	"staff_name" text NOT NULL,
	"user_id" uuid,
	"row_sha256" text NOT NULL,
	"confirmed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "transcript_confirmations_school_id_transcript_id_subject_id_pk" PRIMARY KEY("school_id","transcript_id","subject_id")
);
--> statement-breakpoint
CREATE TABLE "transcript_signatures" (
	"school_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"transcript_id" uuid NOT NULL,
	"role" text NOT NULL,
	"staff_id" uuid,
	"user_id" uuid,
	"signer_name" text NOT NULL,
	"certificate_subject" jsonb NOT NULL,
	"certificate_issuer" text,
	"certificate_serial" text NOT NULL,
	"certificate_fingerprint" text NOT NULL,
	"certificate_valid_to" timestamp with time zone NOT NULL,
	"signed_at" timestamp with time zone NOT NULL,
	"revision_length" integer NOT NULL,
	"revision_sha256" text NOT NULL,
	CONSTRAINT "transcript_signatures_school_id_id_pk" PRIMARY KEY("school_id","id")
);
--> statement-breakpoint
CREATE TABLE "transcripts" (
	"school_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"student_id" uuid NOT NULL,
	"school_year_id" uuid NOT NULL,
	"class_id" uuid NOT NULL,
	"level" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"data" jsonb NOT NULL,
	"data_sha256" text NOT NULL,
	"pdf" "bytea",
	"pdf_sha256" text,
	"generated_by" uuid,
	"generated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "transcripts_school_id_id_pk" PRIMARY KEY("school_id","id")
);
--> statement-breakpoint
CREATE TABLE "exam_analyses" (
	"exam_id" uuid PRIMARY KEY NOT NULL,
	"participants" integer NOT NULL,
	"kr20" double precision,
	"alpha" double precision,
	"rasch_iterations" integer,
	"rasch_converged" boolean,
	"stale" boolean DEFAULT false NOT NULL,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "exam_answers" (
	"school_id" uuid NOT NULL,
	"attempt_id" uuid NOT NULL,
	"question_id" text NOT NULL,
	"answer" jsonb NOT NULL,
	"seq" integer NOT NULL,
	"saved_at" timestamp with time zone DEFAULT now() NOT NULL,
	"score" numeric(8, 4),
	"rubric_points" jsonb,
	"comment" text,
	"graded_by" uuid,
	"graded_at" timestamp with time zone,
	CONSTRAINT "exam_answers_school_id_attempt_id_question_id_pk" PRIMARY KEY("school_id","attempt_id","question_id")
);
--> statement-breakpoint
CREATE TABLE "exam_attempts" (
	"school_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"exam_id" uuid NOT NULL,
	"student_id" uuid NOT NULL,
	"class_id" uuid,
	"user_id" uuid,
	"version_code" text NOT NULL,
	"question_ids" text[] NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deadline" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"submitted_at" timestamp with time zone,
	"status" text DEFAULT 'in_progress' NOT NULL,
	"grading_status" text,
	"raw_score" numeric(8, 2),
	"max_score" numeric(8, 2),
	"score10" numeric(4, 2),
	"save_token" text,
	"focus_losses" integer DEFAULT 0 NOT NULL,
	"offline_events" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "exam_attempts_school_id_id_pk" PRIMARY KEY("school_id","id")
);
--> statement-breakpoint
CREATE TABLE "exam_focus_events" (
	"school_id" uuid NOT NULL,
	"attempt_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"kind" text NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "exam_focus_events_school_id_attempt_id_at_kind_pk" PRIMARY KEY("school_id","attempt_id","at","kind")
);
--> statement-breakpoint
CREATE TABLE "exam_item_stats" (
	"exam_id" uuid NOT NULL,
	"question_id" text NOT NULL,
	"number" integer NOT NULL,
	"topic" text NOT NULL,
	"level" text NOT NULL,
	"type" text NOT NULL,
	"max_score" double precision NOT NULL,
	"n" integer NOT NULL,
	"difficulty" double precision,
	"point_biserial" double precision,
	"corrected_point_biserial" double precision,
	"upper_lower" double precision,
	"rasch_difficulty" double precision,
	"rasch_se" double precision,
	"infit" double precision,
	"outfit" double precision,
	"flags" jsonb NOT NULL,
	"distractors" jsonb,
	CONSTRAINT "exam_item_stats_exam_id_question_id_pk" PRIMARY KEY("exam_id","question_id")
);
--> statement-breakpoint
CREATE TABLE "exam_papers" (
	"exam_id" uuid NOT NULL,
	"version_code" text NOT NULL,
	"questions" jsonb NOT NULL,
	"max_score" numeric(8, 2) NOT NULL,
	"frozen_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "exam_papers_exam_id_version_code_pk" PRIMARY KEY("exam_id","version_code")
);
--> statement-breakpoint
CREATE TABLE "exam_score_rollups" (
	"exam_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"unit_kind" text NOT NULL,
	"school_id" uuid,
	"name" text NOT NULL,
	"summary" jsonb NOT NULL,
	"bins" jsonb NOT NULL,
	CONSTRAINT "exam_score_rollups_exam_id_unit_id_pk" PRIMARY KEY("exam_id","unit_id")
);
--> statement-breakpoint
CREATE TABLE "exam_student_mastery" (
	"school_id" uuid NOT NULL,
	"exam_id" uuid NOT NULL,
	"student_id" uuid NOT NULL,
	"theta" double precision NOT NULL,
	"by_topic" jsonb NOT NULL,
	"by_level" jsonb NOT NULL,
	"suggestions" jsonb NOT NULL,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "exam_student_mastery_school_id_exam_id_student_id_pk" PRIMARY KEY("school_id","exam_id","student_id")
);
--> statement-breakpoint
CREATE TABLE "exam_targets" (
	"exam_id" uuid NOT NULL,
	"target_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"unit_id" uuid NOT NULL,
	CONSTRAINT "exam_targets_exam_id_target_id_pk" PRIMARY KEY("exam_id","target_id")
);
--> statement-breakpoint
CREATE TABLE "exams" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"owner_unit_id" uuid NOT NULL,
	"test_school_id" uuid NOT NULL,
	"test_id" uuid NOT NULL,
	"title" text NOT NULL,
	"subject_code" text,
	"opens_at" timestamp with time zone NOT NULL,
	"closes_at" timestamp with time zone NOT NULL,
	"duration_minutes" integer NOT NULL,
	"status" text DEFAULT 'scheduled' NOT NULL,
	"released_at" timestamp with time zone,
	"released_by" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "attendance_device_commands" ADD CONSTRAINT "attendance_device_commands_school_id_units_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attendance_device_users" ADD CONSTRAINT "attendance_device_users_school_id_units_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attendance_devices" ADD CONSTRAINT "attendance_devices_school_id_units_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attendance_punches" ADD CONSTRAINT "attendance_punches_school_id_units_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attendance_records" ADD CONSTRAINT "attendance_records_school_id_units_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attendance_roll_calls" ADD CONSTRAINT "attendance_roll_calls_school_id_units_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "announcement_reads" ADD CONSTRAINT "announcement_reads_school_id_units_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "announcements" ADD CONSTRAINT "announcements_school_id_units_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "message_threads" ADD CONSTRAINT "message_threads_school_id_units_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_school_id_units_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "thread_reads" ADD CONSTRAINT "thread_reads_school_id_units_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ops_commendations" ADD CONSTRAINT "ops_commendations_school_id_units_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ops_contributions" ADD CONSTRAINT "ops_contributions_school_id_units_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ops_equipment" ADD CONSTRAINT "ops_equipment_school_id_units_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ops_equipment_usage" ADD CONSTRAINT "ops_equipment_usage_school_id_units_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ops_inspections" ADD CONSTRAINT "ops_inspections_school_id_units_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ops_plan_schools" ADD CONSTRAINT "ops_plan_schools_school_id_units_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ops_plans" ADD CONSTRAINT "ops_plans_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ops_plans" ADD CONSTRAINT "ops_plans_school_year_id_school_years_id_fk" FOREIGN KEY ("school_year_id") REFERENCES "public"."school_years"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ops_smart_rooms" ADD CONSTRAINT "ops_smart_rooms_school_id_units_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ops_target_allocations" ADD CONSTRAINT "ops_target_allocations_school_id_units_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ops_target_reports" ADD CONSTRAINT "ops_target_reports_school_id_units_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "attendance_device_commands_queue_idx" ON "attendance_device_commands" USING btree ("school_id","device_id","status");--> statement-breakpoint
CREATE INDEX "attendance_device_users_person_idx" ON "attendance_device_users" USING btree ("school_id","person_id");--> statement-breakpoint
CREATE INDEX "attendance_devices_school_idx" ON "attendance_devices" USING btree ("school_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "attendance_punches_uq" ON "attendance_punches" USING btree ("school_id","device_id","pin","punched_at");--> statement-breakpoint
CREATE INDEX "attendance_punches_person_idx" ON "attendance_punches" USING btree ("school_id","person_id","local_date");--> statement-breakpoint
CREATE INDEX "attendance_punches_pin_idx" ON "attendance_punches" USING btree ("school_id","device_id","pin");--> statement-breakpoint
CREATE UNIQUE INDEX "attendance_records_person_uq" ON "attendance_records" USING btree ("school_id","person_id","date","period");--> statement-breakpoint
CREATE INDEX "attendance_records_day_idx" ON "attendance_records" USING btree ("school_id","date","class_id");--> statement-breakpoint
CREATE INDEX "attendance_roll_calls_day_idx" ON "attendance_roll_calls" USING btree ("school_id","date");--> statement-breakpoint
CREATE INDEX "announcements_publish_idx" ON "announcements" USING btree ("school_id","publish_at");--> statement-breakpoint
CREATE INDEX "announcements_class_idx" ON "announcements" USING btree ("school_id","class_id");--> statement-breakpoint
CREATE UNIQUE INDEX "message_threads_class_uq" ON "message_threads" USING btree ("school_id","class_id") WHERE kind = 'class';--> statement-breakpoint
CREATE UNIQUE INDEX "message_threads_student_uq" ON "message_threads" USING btree ("school_id","student_id") WHERE kind = 'student';--> statement-breakpoint
CREATE INDEX "message_threads_last_idx" ON "message_threads" USING btree ("school_id","last_message_at");--> statement-breakpoint
CREATE INDEX "messages_thread_idx" ON "messages" USING btree ("school_id","thread_id","created_at");--> statement-breakpoint
CREATE INDEX "notifications_user_created_idx" ON "notifications" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "notifications_dedupe_uq" ON "notifications" USING btree ("user_id","dedupe_key");--> statement-breakpoint
CREATE INDEX "thread_reads_user_idx" ON "thread_reads" USING btree ("school_id","user_id");--> statement-breakpoint
CREATE INDEX "conduct_ratings_class_idx" ON "conduct_ratings" USING btree ("school_id","class_id","term_no");--> statement-breakpoint
CREATE INDEX "grade_student_results_class_idx" ON "grade_student_results" USING btree ("school_id","class_id","period");--> statement-breakpoint
CREATE INDEX "grade_unlocks_class_idx" ON "grade_unlocks" USING btree ("school_id","class_id","school_year_id","term_no");--> statement-breakpoint
CREATE INDEX "jobs_due_idx" ON "jobs" USING btree ("status","run_at");--> statement-breakpoint
CREATE UNIQUE INDEX "jobs_dedupe_uq" ON "jobs" USING btree ("dedupe_key");--> statement-breakpoint
CREATE UNIQUE INDEX "ops_budget_lines_code_uq" ON "ops_budget_lines" USING btree ("plan_id","appendix","code");--> statement-breakpoint
CREATE INDEX "ops_equipment_room_idx" ON "ops_equipment" USING btree ("school_id","room_id");--> statement-breakpoint
CREATE INDEX "ops_equipment_usage_day_idx" ON "ops_equipment_usage" USING btree ("school_id","used_on");--> statement-breakpoint
CREATE INDEX "ops_equipment_usage_staff_idx" ON "ops_equipment_usage" USING btree ("school_id","staff_id");--> statement-breakpoint
CREATE INDEX "ops_plans_unit_idx" ON "ops_plans" USING btree ("unit_id","period_start");--> statement-breakpoint
CREATE INDEX "ops_spending_line_idx" ON "ops_spending" USING btree ("plan_id","budget_line_id");--> statement-breakpoint
CREATE INDEX "ops_target_reports_target_idx" ON "ops_target_reports" USING btree ("school_id","target_id","as_of");--> statement-breakpoint
CREATE UNIQUE INDEX "ops_targets_code_uq" ON "ops_targets" USING btree ("plan_id","code");--> statement-breakpoint
CREATE INDEX "questions_filter_idx" ON "questions" USING btree ("school_id","subject_code","grade","level");--> statement-breakpoint
CREATE INDEX "questions_share_idx" ON "questions" USING btree ("school_id","share_unit_id","status");--> statement-breakpoint
CREATE INDEX "questions_hash_idx" ON "questions" USING btree ("school_id","content_hash");--> statement-breakpoint
CREATE INDEX "questions_owner_idx" ON "questions" USING btree ("school_id","owner_user_id");--> statement-breakpoint
CREATE INDEX "tests_subject_idx" ON "tests" USING btree ("school_id","subject_code","grade");--> statement-breakpoint
CREATE UNIQUE INDEX "transcript_signatures_role_uq" ON "transcript_signatures" USING btree ("school_id","transcript_id","role");--> statement-breakpoint
CREATE UNIQUE INDEX "transcripts_student_year_uq" ON "transcripts" USING btree ("school_id","student_id","school_year_id");--> statement-breakpoint
CREATE INDEX "transcripts_class_idx" ON "transcripts" USING btree ("school_id","class_id");--> statement-breakpoint
CREATE UNIQUE INDEX "exam_attempts_exam_student_uq" ON "exam_attempts" USING btree ("school_id","exam_id","student_id");--> statement-breakpoint
CREATE INDEX "exam_attempts_exam_idx" ON "exam_attempts" USING btree ("school_id","exam_id","class_id");--> statement-breakpoint
CREATE INDEX "exam_attempts_open_idx" ON "exam_attempts" USING btree ("school_id","deadline") WHERE status = 'in_progress';--> statement-breakpoint
CREATE INDEX "exam_targets_target_idx" ON "exam_targets" USING btree ("target_id");--> statement-breakpoint
CREATE INDEX "exam_targets_unit_idx" ON "exam_targets" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "exams_test_idx" ON "exams" USING btree ("test_school_id","test_id");--> statement-breakpoint
CREATE INDEX "exams_window_idx" ON "exams" USING btree ("closes_at","opens_at");