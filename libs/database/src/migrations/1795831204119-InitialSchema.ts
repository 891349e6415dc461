import { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialSchema1795831204119 implements MigrationInterface {
  name = 'InitialSchema1795831204119';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // Trigram similarity for duplicate detection and case suggestions.
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await queryRunner.query(
      `CREATE TABLE "cases" ("id" uuid NOT NULL, "title" text NOT NULL, "kind" text NOT NULL, "category" text NOT NULL, "severity" text NOT NULL, "ward" text NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "status" text NOT NULL, "resolution" text, "resolved_at" TIMESTAMP WITH TIME ZONE, "created_by" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_264acb3048c240fb89aa34626db" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "cases_occurred_idx" ON "cases"  ("occurred_at") `);
    await queryRunner.query(`CREATE INDEX "cases_status_ward_idx" ON "cases"  ("status", "ward") `);
    await queryRunner.query(
      `CREATE TABLE "dead_letters" ("id" BIGSERIAL NOT NULL, "queue" text NOT NULL, "job_id" text NOT NULL, "tip_id" uuid, "error" text NOT NULL, "attempts" integer NOT NULL, "failed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_084e63809483fb0a9c48aae607f" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "dead_letters_job_uq" ON "dead_letters"  ("queue", "job_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "leads" ("id" uuid NOT NULL, "stage" text NOT NULL, "priority" integer NOT NULL, "ward" text NOT NULL, "category" text NOT NULL, "origin_tip_id" uuid NOT NULL, "suggestions" jsonb NOT NULL DEFAULT '[]'::jsonb, "claimed_by" text, "lease_expires_at" TIMESTAMP WITH TIME ZONE, "case_id" uuid, "dismissed_reason" text, "opened_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_0e30ed944c2837cf32b060e87ff" UNIQUE ("origin_tip_id"), CONSTRAINT "PK_cd102ed7a9a4ca7d4d8bfeba406" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "leads_stage_priority_idx" ON "leads"  ("stage", "priority") `,
    );
    await queryRunner.query(
      `CREATE TABLE "outbox" ("id" BIGSERIAL NOT NULL, "queue" text NOT NULL, "job_id" text NOT NULL, "payload" jsonb NOT NULL, "available_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_340ab539f309f03bdaa14aa7649" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "outbox_available_idx" ON "outbox"  ("available_at", "id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "tip_entity_values" ("tip_id" uuid NOT NULL, "kind" text NOT NULL, "value" text NOT NULL, CONSTRAINT "PK_a48ed279659f6923274f68a3a59" PRIMARY KEY ("tip_id", "kind", "value"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "tip_entity_values_value_idx" ON "tip_entity_values"  ("kind", "value") `,
    );
    await queryRunner.query(
      `CREATE TABLE "tip_events" ("id" BIGSERIAL NOT NULL, "tip_id" uuid NOT NULL, "type" text NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "actor" text, "detail" jsonb NOT NULL DEFAULT '{}'::jsonb, CONSTRAINT "PK_a2614035244be8f3436f702e168" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "tip_events_tip_idx" ON "tip_events"  ("tip_id", "at") `);
    await queryRunner.query(
      `CREATE TABLE "tips" ("id" uuid NOT NULL, "reference" text NOT NULL, "stage" text NOT NULL, "channel" text NOT NULL, "category" text NOT NULL, "ward" text NOT NULL, "description" text NOT NULL, "description_norm" text, "occurred_at" TIMESTAMP WITH TIME ZONE, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL, "location_address" text, "location_lat" double precision, "location_lng" double precision, "anonymous" boolean NOT NULL, "has_contact" boolean NOT NULL, "tipster_cipher" bytea, "tipster_key_id" text, "entities" jsonb, "priority" integer, "triage_reasons" jsonb, "duplicate_of" uuid, "rejected_reason" text, "lead_id" uuid, "imported" boolean NOT NULL DEFAULT false, "external_ref" text, "idempotency_key" text, "request_hash" text, "submitted_by" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "triaged_at" TIMESTAMP WITH TIME ZONE, "lead_open_at" TIMESTAMP WITH TIME ZONE, "claimed_at" TIMESTAMP WITH TIME ZONE, "linked_at" TIMESTAMP WITH TIME ZONE, "dismissed_at" TIMESTAMP WITH TIME ZONE, "stage_changed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_1b542520d351e30bf7c1bf34e85" UNIQUE ("reference"), CONSTRAINT "UQ_5be0deafb1beffb8fc4a18e0afc" UNIQUE ("external_ref"), CONSTRAINT "UQ_32b05b627e1b1203997ba53403a" UNIQUE ("idempotency_key"), CONSTRAINT "PK_b63a628fdfd7517d8e58fe39199" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "tips_lead_idx" ON "tips"  ("lead_id") `);
    await queryRunner.query(`CREATE INDEX "tips_received_idx" ON "tips"  ("received_at", "id") `);
    await queryRunner.query(
      `CREATE INDEX "tips_ward_received_idx" ON "tips"  ("ward", "received_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "tips_stage_changed_idx" ON "tips"  ("stage", "stage_changed_at") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."tips_stage_changed_idx"`);
    await queryRunner.query(`DROP INDEX "public"."tips_ward_received_idx"`);
    await queryRunner.query(`DROP INDEX "public"."tips_received_idx"`);
    await queryRunner.query(`DROP INDEX "public"."tips_lead_idx"`);
    await queryRunner.query(`DROP TABLE "tips"`);
    await queryRunner.query(`DROP INDEX "public"."tip_events_tip_idx"`);
    await queryRunner.query(`DROP TABLE "tip_events"`);
    await queryRunner.query(`DROP INDEX "public"."tip_entity_values_value_idx"`);
    await queryRunner.query(`DROP TABLE "tip_entity_values"`);
    await queryRunner.query(`DROP INDEX "public"."outbox_available_idx"`);
    await queryRunner.query(`DROP TABLE "outbox"`);
    await queryRunner.query(`DROP INDEX "public"."leads_stage_priority_idx"`);
    await queryRunner.query(`DROP TABLE "leads"`);
    await queryRunner.query(`DROP INDEX "public"."dead_letters_job_uq"`);
    await queryRunner.query(`DROP TABLE "dead_letters"`);
    await queryRunner.query(`DROP INDEX "public"."cases_status_ward_idx"`);
    await queryRunner.query(`DROP INDEX "public"."cases_occurred_idx"`);
    await queryRunner.query(`DROP TABLE "cases"`);
  }
}
