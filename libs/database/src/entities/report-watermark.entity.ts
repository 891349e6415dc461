import { Column, Entity, PrimaryColumn } from 'typeorm';

/** How far a reporting projector ('funnel', 'cases') has read its sources. */
@Entity('report_watermarks')
export class ReportWatermarkEntity {
  @PrimaryColumn('text', { primaryKeyConstraintName: 'PK_report_watermarks' })
  name: string;

  @Column('timestamptz')
  at: Date;
}
