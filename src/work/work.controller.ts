import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiTags } from '@nestjs/swagger';
import { ApiRoute } from '../common/api-route';
import { Access } from '../common/access/access';
import { CurrentPrincipal } from '../common/access/current-principal.decorator';
import type { Principal } from '../common/access/principal';
import { WorkService, type WorkQueue } from './work.service';

class BilingualTitleDto {
  @ApiProperty() fa!: string;
  @ApiProperty() en!: string;
}

class WorkItemDto {
  @ApiProperty({ enum: ['case', 'session'] }) kind!: 'case' | 'session';
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ description: 'Cases: the tracking code; sessions: the place and time' })
  label!: string;
  @ApiProperty() stage!: string;
  @ApiProperty({ format: 'date-time' }) since!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) dueAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) dueAtJalali!: string | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Working days until the deadline (negative: overdue by that much)',
  })
  workingDaysLeft!: number | null;
  @ApiProperty() breached!: boolean;
}

class WorkQueueDto {
  @ApiProperty({
    description:
      'CASES_TO_REVIEW, CASES_TO_SCHEDULE, DECISIONS_TO_RECORD, MINUTES_TO_SIGN, CORRECTIONS_OWED or BREACHED_CASES',
  })
  name!: string;
  @ApiProperty({ type: BilingualTitleDto }) title!: BilingualTitleDto;
  @ApiProperty({ type: [WorkItemDto] }) items!: WorkItemDto[];
}

class WorkQueuesDto {
  @ApiProperty({ type: [WorkQueueDto], description: 'One queue per role the user holds' })
  queues!: WorkQueue[];
}

@ApiTags('work')
@ApiBearerAuth()
@Controller('work')
export class WorkController {
  constructor(private readonly work: WorkService) {}

  @Get()
  @Access.roles(
    ['CLERK', 'REVIEWER', 'SECRETARY', 'MEMBER', 'OPERATOR'],
    'each queue is scoped: a clerk’s agency, a member’s own sessions',
  )
  @ApiRoute('What waits on me, soonest deadline first — کارتابل', { ok: { type: WorkQueuesDto } })
  async queues(@CurrentPrincipal() principal: Principal): Promise<WorkQueuesDto> {
    return { queues: await this.work.queues(principal) };
  }
}
