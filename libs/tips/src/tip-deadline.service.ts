import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainError } from '@app/contracts';
import type { ExtendDeadlineDto } from './dto/extend-deadline.dto';
import type { TipView } from './dto/tip.view';
import { TipQueryService } from './tip-query.service';
import { TipsRepository, UNDECIDED_STAGES } from './tips.repository';

/** A deadline is moved later at most this many times. */
export const MAX_DEADLINE_EXTENSIONS = 2;

const DAY_MS = 86_400_000;

/**
 * The deadline to decide on a tip: set when it reaches a lead, met when it is linked to a case
 * or dismissed, moved later by a supervisor (with a reason) at most twice.
 */
@Injectable()
export class TipDeadlineService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tips: TipsRepository,
    private readonly query: TipQueryService,
  ) {}

  async extend(
    tipId: string,
    dto: ExtendDeadlineDto,
    user: { username: string; role: string },
  ): Promise<TipView> {
    await this.dataSource.transaction(async (m) => {
      const tip = await this.tips.lockDeadline(m, tipId);
      if (!tip) throw new DomainError('not_found', 'tip not found');
      if (!tip.decision_due_at) {
        throw new DomainError('conflict', 'the tip has not reached a lead: it has no deadline');
      }
      if (!(UNDECIDED_STAGES as readonly string[]).includes(tip.stage)) {
        throw new DomainError('conflict', 'the tip is decided (linked or dismissed)');
      }
      if (tip.decision_extensions >= MAX_DEADLINE_EXTENSIONS) {
        throw new DomainError(
          'conflict',
          `the deadline was extended ${MAX_DEADLINE_EXTENSIONS} times already`,
        );
      }
      const due = new Date(tip.decision_due_at.getTime() + dto.days * DAY_MS);
      await this.tips.extendDeadline(m, tipId, due, {
        actor: user.username,
        role: user.role,
        detail: {
          days: dto.days,
          reason: dto.reason,
          decisionDueAt: due.toISOString(),
          extension: tip.decision_extensions + 1,
        },
      });
    });
    return this.query.get(tipId);
  }
}
