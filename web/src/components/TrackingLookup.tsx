import {
  Alert,
  AlertTitle,
  Box,
  Button,
  Card,
  CardContent,
  TextField,
  Typography,
} from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { type ReactNode, useId } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { ApiError, say } from '../api/problem';
import { ErrorSummary } from './ErrorSummary';
import { Facts } from './Facts';
import { formProblems } from './form-errors';
import { PageHeading } from './PageHeading';
import { groupTrackingCode, localDigits, normaliseTrackingCode } from '../lib/digits';

const FIELDS = ['code'] as const;

export interface TrackingLookupProps<T> {
  /** The page's route, `/track`: a code looked up becomes `/track/<code>`. */
  path: string;
  title: string;
  intro: string;
  notFound: string;
  resultTitle: string;
  queryKey: string;
  find: (code: string) => Promise<T>;
  facts: (result: T) => { label: string; value: ReactNode }[];
  trackingCodeOf: (result: T) => string;
}

/**
 * Public: something's status by its tracking code, typed in Persian or Latin digits, with or
 * without dashes. A mistyped code (the service checks its check digit) is told apart from an
 * unknown one, and the per-address limit is explained rather than shown as a bare error.
 */
export function TrackingLookup<T>({
  path,
  title,
  intro,
  notFound,
  resultTitle,
  queryKey,
  find,
  facts,
  trackingCodeOf,
}: TrackingLookupProps<T>) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const navigate = useNavigate();
  const params = useParams();
  const code = params.code ? normaliseTrackingCode(params.code) : undefined;
  const prefix = useId();
  const inputId = (name: string) => `${prefix}-${name}`;
  const form = useForm<{ code: string }>({
    defaultValues: { code: code ? localDigits(groupTrackingCode(code), language) : '' },
    shouldFocusError: false, // the error summary takes focus
  });
  const lookup = useQuery({
    queryKey: [queryKey, code],
    queryFn: () => find(code!),
    enabled: code !== undefined,
    retry: false,
    staleTime: 30_000,
  });
  const error = lookup.error instanceof ApiError ? lookup.error : undefined;
  const mistyped = error?.code === 'TRACKING.INVALID_CODE' || error?.status === 400;
  const problems = formProblems(
    {
      errors: form.formState.errors,
      serverError: mistyped ? error : undefined,
      fields: FIELDS,
      inputId,
      labels: { code: t('track.code') },
    },
    t,
    language,
  );
  const result = lookup.data;
  return (
    <>
      <PageHeading title={title}>{title}</PageHeading>
      <Typography sx={{ mb: 1, maxWidth: '70ch' }}>{intro}</Typography>
      <Typography sx={{ mb: 3, maxWidth: '70ch' }} color="text.secondary">
        {t('app.freeOfCharge')}
      </Typography>
      <Box
        component="form"
        noValidate
        role="search"
        aria-label={title}
        onSubmit={(event) =>
          void form.handleSubmit((values) => {
            const typed = normaliseTrackingCode(values.code);
            if (!typed) {
              form.setError('code', { type: 'pattern', message: 'track.malformed' });
              return;
            }
            // The same code again asks again; another one becomes the page's address.
            if (typed === code) void lookup.refetch();
            else void navigate(`${path}/${typed}`);
          })(event)
        }
        sx={{ display: 'grid', gap: 2, maxWidth: 420, mb: 3 }}
      >
        <ErrorSummary
          items={problems.summary}
          attempt={`${form.formState.submitCount}:${lookup.errorUpdatedAt}`}
        />
        <TextField
          id={inputId('code')}
          label={t('track.code')}
          required
          autoComplete="off"
          error={!!problems.field('code')}
          helperText={problems.field('code') ?? t('track.codeHint')}
          slotProps={{
            htmlInput: { dir: 'ltr', inputMode: 'numeric', spellCheck: false, maxLength: 40 },
          }}
          {...form.register('code', { required: 'errors.required' })}
        />
        <Box>
          <Button type="submit" variant="contained" size="large" disabled={lookup.isFetching}>
            {t('track.submit')}
          </Button>
        </Box>
      </Box>

      <Box aria-live="polite">
        {error?.status === 404 ? (
          <Alert severity="info">{notFound}</Alert>
        ) : error?.code === 'RATE.LIMITED' || error?.status === 429 ? (
          <Alert severity="warning">
            <AlertTitle>{t('track.rateLimitedTitle')}</AlertTitle>
            {t('track.rateLimited')}{' '}
            {error.retryAfterSeconds
              ? t('signIn.retryAfter', {
                  time: new Intl.NumberFormat(language === 'fa' ? 'fa-IR' : 'en', {
                    style: 'unit',
                    unit: error.retryAfterSeconds >= 120 ? 'minute' : 'second',
                    unitDisplay: 'long',
                  }).format(
                    error.retryAfterSeconds >= 120
                      ? Math.ceil(error.retryAfterSeconds / 60)
                      : error.retryAfterSeconds,
                  ),
                })
              : null}
          </Alert>
        ) : error && !mistyped ? (
          <Alert severity="error">{say(error.problem.message, language)}</Alert>
        ) : null}
        {result ? (
          <Card variant="outlined">
            <CardContent>
              <Typography variant="h2" sx={{ mb: 2 }}>
                {resultTitle}{' '}
                {/* Its own left-to-right run: beside Persian letters the digit groups would be
                    laid out right to left (4123-4567-8903 read as 8903-4567-4123). */}
                <bdi dir="ltr">
                  {localDigits(groupTrackingCode(trackingCodeOf(result)), language)}
                </bdi>
              </Typography>
              <Facts items={facts(result)} />
            </CardContent>
          </Card>
        ) : null}
      </Box>
    </>
  );
}
