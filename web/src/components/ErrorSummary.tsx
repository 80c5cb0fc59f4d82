import { Box, Link, Typography } from '@mui/material';
import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';

export interface SummaryItem {
  /** The id of the input the message is about; without one the message stands alone. */
  inputId?: string;
  message: string;
}

/**
 * GOV.UK's error summary: at the top of the form, a heading and one link per problem that moves
 * focus to its field. It takes focus itself when an attempt fails (`attempt` changes: a submit
 * refused by the browser's checks, or the service's answer), so a screen reader announces it
 * and a keyboard user starts from it; typing a correction never moves focus.
 */
export function ErrorSummary({
  items,
  attempt,
  title,
}: {
  items: SummaryItem[];
  attempt: string | number;
  title?: string;
}) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const headingId = useId();
  const shown = items.length > 0;
  useEffect(() => {
    if (shown) ref.current?.focus();
    // Only a new attempt moves focus, not a change in the list.
  }, [attempt]);
  if (items.length === 0) return null;
  return (
    <Box
      ref={ref}
      tabIndex={-1}
      role="alert"
      aria-labelledby={headingId}
      sx={{
        border: 4,
        borderColor: 'error.main',
        p: 2,
        mb: 3,
        bgcolor: 'background.paper',
        '&:focus': { outline: '3px solid #ffbf47', outlineOffset: 0 },
      }}
    >
      <Typography id={headingId} variant="h2" component="h2" sx={{ fontSize: '1.2rem', mb: 1 }}>
        {title ?? t('errors.summaryTitle')}
      </Typography>
      <Box component="ul" sx={{ m: 0, ps: 3 }}>
        {items.map((item, index) => (
          <li key={`${item.inputId ?? ''}-${index}`}>
            {item.inputId ? (
              <Link
                href={`#${item.inputId}`}
                color="error"
                sx={{ fontWeight: 600 }}
                onClick={(event) => {
                  event.preventDefault();
                  const input = document.getElementById(item.inputId!);
                  input?.focus();
                  input?.scrollIntoView({ block: 'center' });
                }}
              >
                {item.message}
              </Link>
            ) : (
              <Typography color="error" sx={{ fontWeight: 600 }}>
                {item.message}
              </Typography>
            )}
          </li>
        ))}
      </Box>
    </Box>
  );
}
