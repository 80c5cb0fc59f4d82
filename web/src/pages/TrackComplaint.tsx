import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { say, unwrap } from '../api/problem';
import { JalaliDate } from '../components/JalaliDate';
import { TrackingLookup } from '../components/TrackingLookup';

/** Public: a complaint's or opinion's status, its response due date and next step by its code. */
export default function TrackComplaint() {
  const { t, i18n } = useTranslation();
  return (
    <TrackingLookup
      path="/complaints/track"
      title={t('complaintTrack.title')}
      intro={t('complaintTrack.intro')}
      notFound={t('complaintTrack.notFound')}
      resultTitle={t('complaintTrack.resultTitle')}
      queryKey="complaint-track"
      find={(code) =>
        unwrap(api.GET('/api/v1/complaints/track/{code}', { params: { path: { code } } }))
      }
      trackingCodeOf={(result) => result.trackingCode}
      facts={(result) => [
        { label: t('complaintTrack.kind'), value: t(`complaintKind.${result.kind}`) },
        {
          label: t('complaintTrack.status'),
          value: <strong>{t(`complaintStatus.${result.status}`)}</strong>,
        },
        { label: t('complaintTrack.filedAt'), value: <JalaliDate value={result.filedAt} /> },
        { label: t('complaintTrack.dueAt'), value: <JalaliDate value={result.dueAt} /> },
        { label: t('complaintTrack.nextStep'), value: say(result.nextStep, i18n.language) },
      ]}
    />
  );
}
