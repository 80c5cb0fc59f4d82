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
import { useId } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { api } from '../api/client';
import { ApiError, say, unwrap } from '../api/problem';
import { ErrorSummary } from '../components/ErrorSummary';
import { Facts } from '../components/Facts';
import { formProblems } from '../components/form-errors';
import { JalaliDate } from '../components/JalaliDate';
import { PageHeading } from '../components/PageHeading';
import { groupTrackingCode, localDigits, normaliseTrackingCode } from '../lib/digits';

const FIELDS = ['code'] as const;

/**
 * Public: a case's stage by its tracking code, typed in Persian or Latin digits, with or without
 * dashes. A mistyped code (the service checks its check digit) is told apart from an unknown one,
 * and the per-address limit is explained rather than shown as a bare error.
 */
export default function Track() {
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
    queryKey: ['track', code],
    queryFn: () => unwrap(api.GET('/api/v1/track/{code}', { params: { path: { code: code! } } })),
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
      <PageHeading title={t('track.title')}>{t('track.title')}</PageHeading>
      <Typography sx={{ mb: 1, maxWidth: '70ch' }}>{t('track.intro')}</Typography>
      <Typography sx={{ mb: 3, maxWidth: '70ch' }} color="text.secondary">
        {t('app.freeOfCharge')}
      </Typography>
      <Box
        component="form"
        noValidate
        role="search"
        aria-label={t('track.title')}
        onSubmit={(event) =>
          void form.handleSubmit((values) => {
            const typed = normaliseTrackingCode(values.code);
            if (!typed) {
              form.setError('code', { type: 'pattern', message: 'track.malformed' });
              return;
            }
            // The same code again asks again; another one becomes the page's address.
            if (typed === code) void lookup.refetch();
            else void navigate(`/track/${typed}`);
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
          <Alert severity="info">{t('track.notFound')}</Alert>
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
                {t('track.resultTitle')}{' '}
                {/* Its own left-to-right run: beside Persian letters the digit groups would be
                    laid out right to left (4123-4567-8903 read as 8903-4567-4123). */}
                <bdi dir="ltr">{localDigits(groupTrackingCode(result.trackingCode), language)}</bdi>
              </Typography>
              <Facts
                items={[
                  { label: t('track.requestType'), value: t(`requestType.${result.requestType}`) },
                  { label: t('track.stage'), value: <strong>{t(`stage.${result.stage}`)}</strong> },
                  {
                    label: t('track.registeredAt'),
                    value: <JalaliDate value={result.registeredAt} />,
                  },
                  { label: t('track.stageSince'), value: <JalaliDate value={result.stageSince} /> },
                  { label: t('track.nextStep'), value: say(result.nextStep, language) },
                ]}
              />
            </CardContent>
          </Card>
        ) : null}
      </Box>
    </>
  );
}
