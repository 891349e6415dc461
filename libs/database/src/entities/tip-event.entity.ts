import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One step of a tip's path (received, triaged, lead_opened...), written with the step itself. */
@Entity('tip_events')
@Index('tip_events_tip_idx', ['tipId', 'at'])
@Index('tip_events_dedupe_uq', ['tipId', 'dedupeKey'], { unique: true })
export class TipEventEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  @Column('uuid', { name: 'tip_id' })
  tipId: string;

  @Column('text')
  type: string;

  @Column('timestamptz', { default: () => 'now()' })
  at: Date;

  @Column('text', { nullable: true })
  actor: string | null;

  /** Set on events projected from elsewhere (case events), so a redelivery adds nothing. */
  @Column('text', { name: 'dedupe_key', nullable: true })
  dedupeKey: string | null;

  @Column('jsonb', { default: {} })
  detail: Record<string, unknown>;
}
