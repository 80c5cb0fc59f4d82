import { useTranslation } from 'react-i18next';
import { formatGregorian, formatJalali } from '../lib/dates';

/** A date on the Jalali calendar, the Gregorian reading on hover and in the machine-readable value. */
export function JalaliDate({ value, withTime = false }: { value: string; withTime?: boolean }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  return (
    <time
      dateTime={value}
      title={t('app.gregorian', { date: formatGregorian(value, language, withTime) })}
    >
      {formatJalali(value, language, withTime)}
    </time>
  );
}
