import {
  Alert,
  Box,
  Button,
  Chip,
  Pagination,
  PaginationItem,
  Paper,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  TextField,
  Typography,
  useMediaQuery,
  useTheme,
} from '@mui/material';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useId, useMemo } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import {
  api,
  REQUEST_TYPES,
  STAGES,
  type RequestType,
  type Schemas,
  type Stage,
} from '../api/client';
import { say, unwrap, ApiError } from '../api/problem';
import { useSession } from '../auth/session';
import { ErrorSummary } from '../components/ErrorSummary';
import { Facts } from '../components/Facts';
import { formProblems } from '../components/form-errors';
import { JalaliDate } from '../components/JalaliDate';
import { Loading } from '../components/Loading';
import { PageHeading } from '../components/PageHeading';
import { jalaliDayEnd, jalaliDayStart, parseJalaliDay } from '../lib/dates';
import { groupTrackingCode, localDigits, toLatinDigits } from '../lib/digits';

const PAGE_SIZE = 20;
const SORTS = {
  newest: '-registeredAt',
  oldest: 'registeredAt',
  deadline: 'nextDeadlineAt',
} as const;
type SortKey = keyof typeof SORTS;
const FIELDS = ['stage', 'requestType', 'from', 'to', 'sort'] as const;
/** The table's columns, in order (each heading is `cases.<column>`). */
const COLUMNS = ['trackingCode', 'requestType', 'stage', 'registeredAt', 'deadline'] as const;

interface Filters {
  stage: Stage | '';
  requestType: RequestType | '';
  from: string;
  to: string;
  sort: SortKey;
}

/** The filters live in the address (?stage=…&from=1405/09/01&page=2): shareable, kept on reload. */
function filtersOf(params: URLSearchParams): Filters & { page: number } {
  const stage = params.get('stage') as Stage | null;
  const requestType = params.get('requestType') as RequestType | null;
  const sort = params.get('sort') as SortKey | null;
  return {
    stage: stage && STAGES.includes(stage) ? stage : '',
    requestType: requestType && REQUEST_TYPES.includes(requestType) ? requestType : '',
    from: params.get('from') ?? '',
    to: params.get('to') ?? '',
    sort: sort && sort in SORTS ? sort : 'newest',
    page: Math.max(1, Number(toLatinDigits(params.get('page') ?? '1')) || 1),
  };
}

type CaseSummary = Schemas['CaseSummaryDto'];

function StageCell({ item }: { item: CaseSummary }) {
  const { t } = useTranslation();
  return (
    <>
      {t(`stage.${item.stage}`)}
      {item.slaBreached ? (
        <Chip size="small" color="error" label={t('cases.breached')} sx={{ ms: 1 }} />
      ) : null}
    </>
  );
}

function Deadline({ item }: { item: CaseSummary }) {
  const { t } = useTranslation();
  return item.nextDeadlineAt ? (
    <JalaliDate value={item.nextDeadlineAt} withTime />
  ) : (
    <>{t('cases.noDeadline')}</>
  );
}

/** A clerk's own agency's cases (the service scopes them); reviewers, secretaries, operators: all. */
export default function CaseList() {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const session = useSession();
  const phone = useMediaQuery(useTheme().breakpoints.down('sm'));
  const isClerk = session.me?.roles.includes('CLERK') ?? false;
  const [params, setParams] = useSearchParams();
  const applied = useMemo(() => filtersOf(params), [params]);
  const prefix = useId();
  const inputId = (name: string) => `${prefix}-${name}`;
  const form = useForm<Filters>({ values: applied, shouldFocusError: false });

  const from = applied.from ? parseJalaliDay(applied.from) : undefined;
  const to = applied.to ? parseJalaliDay(applied.to) : undefined;
  const list = useQuery({
    queryKey: ['cases', applied],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/cases', {
          params: {
            query: {
              limit: PAGE_SIZE,
              offset: (applied.page - 1) * PAGE_SIZE,
              sort: SORTS[applied.sort],
              ...(applied.stage ? { stage: applied.stage } : {}),
              ...(applied.requestType ? { requestType: applied.requestType } : {}),
              ...(from ? { registeredFrom: jalaliDayStart(from) } : {}),
              ...(to ? { registeredTo: jalaliDayEnd(to) } : {}),
            },
          },
        }),
      ),
    placeholderData: keepPreviousData,
  });

  const problems = formProblems(
    {
      errors: form.formState.errors,
      serverError:
        list.error instanceof ApiError && list.error.status === 400 ? list.error : undefined,
      fields: FIELDS,
      inputId,
      labels: { from: t('cases.from'), to: t('cases.to') },
    },
    t,
    language,
  );
  const jalaliRule = (value: string) =>
    !value.trim() || parseJalaliDay(value) !== undefined || 'cases.invalidDate';
  const title = isClerk ? t('cases.titleAgency') : t('cases.title');
  const total = list.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));

  const apply = (values: Filters, page = 1) => {
    const next = new URLSearchParams();
    if (values.stage) next.set('stage', values.stage);
    if (values.requestType) next.set('requestType', values.requestType);
    if (values.from.trim()) next.set('from', toLatinDigits(values.from.trim()));
    if (values.to.trim()) next.set('to', toLatinDigits(values.to.trim()));
    if (values.sort !== 'newest') next.set('sort', values.sort);
    if (page > 1) next.set('page', String(page));
    setParams(next);
  };

  const select = (
    name: 'stage' | 'requestType' | 'sort',
    label: string,
    options: { value: string; label: string }[],
  ) => (
    <TextField
      select
      id={inputId(name)}
      label={label}
      value={form.watch(name)}
      onChange={(event) => form.setValue(name, event.target.value as never)}
      slotProps={{ select: { native: true }, inputLabel: { shrink: true } }}
      sx={{ minWidth: 180 }}
    >
      {options.map((option) => (
        <option key={option.value} value={option.value}>
          {option.label}
        </option>
      ))}
    </TextField>
  );
  return (
    <>
      <PageHeading title={title}>{title}</PageHeading>
      <Box
        component="form"
        noValidate
        aria-label={t('cases.filters')}
        onSubmit={(event) => void form.handleSubmit((values) => apply(values))(event)}
        sx={{ mb: 3 }}
      >
        <ErrorSummary
          items={problems.summary}
          attempt={`${form.formState.submitCount}:${list.errorUpdatedAt}`}
        />
        <Box
          sx={{
            display: 'grid',
            gap: 2,
            gridTemplateColumns: { xs: '1fr', sm: 'repeat(2, 1fr)', md: 'repeat(5, 1fr)' },
            alignItems: 'start',
          }}
        >
          {select('stage', t('cases.stage'), [
            { value: '', label: t('cases.any') },
            ...STAGES.map((s) => ({ value: s, label: t(`stage.${s}`) })),
          ])}
          {select('requestType', t('cases.requestType'), [
            { value: '', label: t('cases.any') },
            ...REQUEST_TYPES.map((s) => ({ value: s, label: t(`requestType.${s}`) })),
          ])}
          {(['from', 'to'] as const).map((name) => (
            <TextField
              key={name}
              id={inputId(name)}
              label={t(`cases.${name}`)}
              placeholder={localDigits('1405/09/01', language)}
              error={!!problems.field(name)}
              helperText={problems.field(name) ?? t('cases.dateHint')}
              slotProps={{ inputLabel: { shrink: true }, htmlInput: { dir: 'ltr' } }}
              {...form.register(name, {
                validate:
                  name === 'from'
                    ? jalaliRule
                    : (value, values) => {
                        const own = jalaliRule(value);
                        if (own !== true) return own;
                        const a = parseJalaliDay(values.from);
                        const b = parseJalaliDay(value);
                        return (
                          !a || !b || jalaliDayStart(a) <= jalaliDayStart(b) || 'cases.rangeOrder'
                        );
                      },
              })}
            />
          ))}
          {select('sort', t('cases.sort'), [
            { value: 'newest', label: t('cases.sortNewest') },
            { value: 'oldest', label: t('cases.sortOldest') },
            { value: 'deadline', label: t('cases.sortDeadline') },
          ])}
        </Box>
        <Box sx={{ display: 'flex', gap: 1, mt: 2 }}>
          <Button type="submit" variant="contained">
            {t('cases.apply')}
          </Button>
          <Button variant="text" onClick={() => setParams(new URLSearchParams())}>
            {t('cases.clear')}
          </Button>
        </Box>
      </Box>

      {list.isPending ? (
        <Loading />
      ) : list.error && !(list.error instanceof ApiError && list.error.status === 400) ? (
        <Alert
          severity="error"
          action={
            <Button color="inherit" onClick={() => void list.refetch()}>
              {t('app.retry')}
            </Button>
          }
        >
          {list.error instanceof ApiError
            ? say(list.error.problem.message, language)
            : t('app.genericError')}
        </Alert>
      ) : list.data && list.data.items.length === 0 ? (
        <Alert severity="info">{t('cases.empty')}</Alert>
      ) : list.data ? (
        <>
          {phone ? (
            <Box component="section" aria-labelledby={`${prefix}-caption`}>
              <Typography id={`${prefix}-caption`} sx={{ mb: 1 }}>
                {t('cases.caption', { total: localDigits(String(total), language) })}
              </Typography>
              <Box component="ul" sx={{ listStyle: 'none', p: 0, m: 0, display: 'grid', gap: 1.5 }}>
                {list.data.items.map((item) => (
                  <Paper component="li" variant="outlined" key={item.id} sx={{ p: 2 }}>
                    <Typography component="h2" sx={{ fontWeight: 700, mb: 1 }}>
                      <span dir="ltr">
                        {localDigits(groupTrackingCode(item.trackingCode), language)}
                      </span>
                    </Typography>
                    <Facts
                      items={[
                        {
                          label: t('cases.requestType'),
                          value: t(`requestType.${item.requestType}`),
                        },
                        { label: t('cases.stage'), value: <StageCell item={item} /> },
                        {
                          label: t('cases.registeredAt'),
                          value: <JalaliDate value={item.registeredAt} />,
                        },
                        { label: t('cases.deadline'), value: <Deadline item={item} /> },
                      ]}
                    />
                  </Paper>
                ))}
              </Box>
            </Box>
          ) : (
            <TableContainer
              component={Paper}
              variant="outlined"
              // Scrolls sideways on a phone: reachable and named for keyboard and screen readers.
              tabIndex={0}
              role="region"
              aria-labelledby={`${prefix}-caption`}
            >
              <Table size="small" aria-busy={list.isFetching}>
                <caption
                  id={`${prefix}-caption`}
                  style={{ captionSide: 'top', textAlign: 'start', padding: 12 }}
                >
                  {t('cases.caption', { total: localDigits(String(total), language) })}
                </caption>
                <TableHead>
                  <TableRow>
                    {COLUMNS.map((column) => (
                      <TableCell key={column} component="th" scope="col">
                        {t(`cases.${column}`)}
                      </TableCell>
                    ))}
                  </TableRow>
                </TableHead>
                <TableBody>
                  {list.data.items.map((item) => (
                    <TableRow key={item.id}>
                      <TableCell component="th" scope="row">
                        <Typography
                          component="span"
                          dir="ltr"
                          sx={{ fontFeatureSettings: '"tnum"', whiteSpace: 'nowrap' }}
                        >
                          {localDigits(groupTrackingCode(item.trackingCode), language)}
                        </Typography>
                      </TableCell>
                      <TableCell>{t(`requestType.${item.requestType}`)}</TableCell>
                      <TableCell>
                        <StageCell item={item} />
                      </TableCell>
                      <TableCell>
                        <JalaliDate value={item.registeredAt} />
                      </TableCell>
                      <TableCell>
                        <Deadline item={item} />
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </TableContainer>
          )}
          {pages > 1 ? (
            <Box
              component="nav"
              aria-label={t('cases.pagination')}
              sx={{ display: 'flex', justifyContent: 'center', mt: 2 }}
            >
              <Pagination
                count={pages}
                page={Math.min(applied.page, pages)}
                onChange={(_, page) => apply(applied, page)}
                getItemAriaLabel={(type, page) =>
                  type === 'page'
                    ? t('cases.pageOf', {
                        page: localDigits(String(page), language),
                        pages: localDigits(String(pages), language),
                      })
                    : type === 'previous'
                      ? t('cases.previous')
                      : t('cases.next')
                }
                renderItem={(item) => (
                  <PaginationItem
                    {...item}
                    page={item.page === null ? null : localDigits(String(item.page), language)}
                  />
                )}
              />
            </Box>
          ) : null}
        </>
      ) : null}
    </>
  );
}
