import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One step of a tip's path (received, triaged, lead_opened...), written with the step itself. */
@Entity('tip_events')
@Index('tip_events_tip_idx', ['tipId', 'at'])
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

  @Column('jsonb', { default: () => "'{}'::jsonb" })
  detail: Record<string, unknown>;
}
