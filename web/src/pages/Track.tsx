import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { say, unwrap } from '../api/problem';
import { JalaliDate } from '../components/JalaliDate';
import { TrackingLookup } from '../components/TrackingLookup';

/** Public: a case's stage, dates and next step by its tracking code (no agency, vehicle, person). */
export default function Track() {
  const { t, i18n } = useTranslation();
  return (
    <TrackingLookup
      path="/track"
      title={t('track.title')}
      intro={t('track.intro')}
      notFound={t('track.notFound')}
      resultTitle={t('track.resultTitle')}
      queryKey="track"
      find={(code) => unwrap(api.GET('/api/v1/track/{code}', { params: { path: { code } } }))}
      trackingCodeOf={(result) => result.trackingCode}
      facts={(result) => [
        { label: t('track.requestType'), value: t(`requestType.${result.requestType}`) },
        { label: t('track.stage'), value: <strong>{t(`stage.${result.stage}`)}</strong> },
        { label: t('track.registeredAt'), value: <JalaliDate value={result.registeredAt} /> },
        { label: t('track.stageSince'), value: <JalaliDate value={result.stageSince} /> },
        { label: t('track.nextStep'), value: say(result.nextStep, i18n.language) },
      ]}
    />
  );
}
