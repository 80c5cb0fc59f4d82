import { Box, Button } from '@mui/material';
import type { ReactNode } from 'react';
import type { FieldValues, UseFormReturn } from 'react-hook-form';
import { ErrorSummary, type SummaryItem } from './ErrorSummary';

/**
 * A form whose values go to the service through one mutation: checked in the browser first (a
 * refused submit clears the last answer), the error summary on top (announced again at each
 * attempt), the fields, and a submit button that waits while the request is on its way.
 */
export function MutationForm<T extends FieldValues>(props: {
  form: UseFormReturn<T>;
  mutation: { mutate(values: T): void; reset(): void; status: string; isPending: boolean };
  summary: SummaryItem[];
  submitLabel: string;
  maxWidth: number;
  children: ReactNode;
}) {
  const { form, mutation } = props;
  return (
    <Box
      component="form"
      noValidate
      onSubmit={(event) =>
        void form.handleSubmit(
          (values) => mutation.mutate(values),
          () => mutation.reset(),
        )(event)
      }
      sx={{ display: 'grid', gap: 2, maxWidth: props.maxWidth }}
    >
      <ErrorSummary
        items={props.summary}
        attempt={`${form.formState.submitCount}:${mutation.status}`}
      />
      {props.children}
      <Box>
        <Button type="submit" variant="contained" size="large" disabled={mutation.isPending}>
          {props.submitLabel}
        </Button>
      </Box>
    </Box>
  );
}
