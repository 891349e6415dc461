import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * What the duplicate search reads of a tip triage passed, written once with the triage: its
 * ward and received time, its folded text's trigram hashes, and the places, people and streets
 * found in it.
 */
@Entity('tip_search')
@Index('tip_search_ward_received_idx', ['ward', 'receivedAt'])
@Index('tip_search_xid_idx', ['xid'])
export class TipSearchEntity {
  @PrimaryColumn('uuid', { name: 'tip_id', primaryKeyConstraintName: 'PK_tip_search' })
  tipId: string;

  @Column('text')
  ward: string;

  @Column('timestamptz', { name: 'received_at' })
  receivedAt: Date;

  /** pg_trgm's trigrams of the folded text as sorted hashes (tt_trgm). */
  @Column('int4', { array: true })
  trgm: number[];

  @Column('text', { array: true, default: () => "'{}'" })
  landmarks: string[];

  @Column('text', { array: true, default: () => "'{}'" })
  people: string[];

  @Column('text', { array: true, default: () => "'{}'" })
  streets: string[];

  /**
   * The transaction that wrote the row (tt_xact_id(): pg_current_xact_id(), its 64-bit id): the search
   * completed under the wards' locks reads only the rows its first look, made before them, could
   * not see.
   */
  @Column('bigint', { default: () => 'tt_xact_id()', select: false })
  xid: string;
}
