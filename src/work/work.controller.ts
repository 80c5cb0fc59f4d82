import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Access } from '../auth/access';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import type { Principal } from '../auth/principal';
import { WorkService, type WorkQueue } from './work.service';

class WorkQueuesDto {
  @ApiProperty({
    description:
      'One queue per role the user holds: CASES_TO_REVIEW, CASES_TO_SCHEDULE, DECISIONS_TO_RECORD, MINUTES_TO_SIGN, CORRECTIONS_OWED, BREACHED_CASES',
  })
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
  @ApiOperation({ summary: 'What waits on me, soonest deadline first — کارتابل' })
  @ApiOkResponse({ type: WorkQueuesDto })
  async queues(@CurrentPrincipal() principal: Principal): Promise<WorkQueuesDto> {
    return { queues: await this.work.queues(principal) };
  }
}
