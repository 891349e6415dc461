import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { Card, ErrorNote } from '../components/ui';
import { useQuery } from '@tanstack/react-query';
import { client, get } from '../lib/api';
import { number, percent } from '../lib/format';
import { useLang } from '../lib/i18n';
import './annual.css';

// The report gives rates in percent (76.29): shown with two decimals in the page's language.
const pct = (n: number, lang: 'vi' | 'en') => percent(n / 100, lang, 2);

/** The year-end report a district publishes (criminal cases by the year they occurred). */
export function AnnualPage() {
  const { tr, lang } = useLang();
  const [year, setYear] = useState(2023);
  const form = useForm<{ year: string }>({ defaultValues: { year: '2023' } });
  const report = useQuery({
    queryKey: ['annual', year],
    queryFn: () => get(client.GET('/api/reports/annual', { params: { query: { year } } })),
  });
  const r = report.data;
  return (
    <div>
      <Card title={`${tr('annual.year_end_report')} ${year}`}>
        <form
          className="filters"
          // A year out of range is not asked for: the field keeps the focus.
          onSubmit={(e) => void form.handleSubmit((f) => setYear(Number(f.year)))(e)}
        >
          <label>
            {tr('annual.year')}{' '}
            <input
              type="number"
              min={1970}
              max={2100}
              {...form.register('year', {
                validate: (v) => {
                  const y = Number(v);
                  return Number.isInteger(y) && y >= 1970 && y <= 2100;
                },
              })}
            />
          </label>
          <button type="submit">{tr('annual.show')}</button>
        </form>
        <ErrorNote error={report.error} />
        {r ? (
          <>
            <blockquote className="summary" data-testid="annual-text">
              {r.text[lang]}
            </blockquote>
            <div className="tiles">
              <div className="tile">
                <span className="big">{number(r.tips.received, lang)}</span>
                <span>{tr('annual.citizens_tips')}</span>
              </div>
              <div className="tile">
                <span className="big">{number(r.tips.casesResolved, lang)}</span>
                <span>{tr('annual.cases_solved_from_tips')}</span>
              </div>
              <div className="tile">
                <span className="big">{number(r.tips.arrests, lang)}</span>
                <span>{tr('annual.arrests_from_tips')}</span>
              </div>
            </div>
            <table className="table">
              <thead>
                <tr>
                  <th>{tr('annual.criminal_cases')}</th>
                  <th className="num">{tr('annual.occurred')}</th>
                  <th className="num">{tr('annual.solved')}</th>
                  <th className="num">{tr('annual.clearance')}</th>
                </tr>
              </thead>
              <tbody>
                <tr>
                  <td>{tr('annual.all')}</td>
                  <td className="num">{number(r.criminal.occurred, lang)}</td>
                  <td className="num">{number(r.criminal.solved, lang)}</td>
                  <td className="num">{pct(r.criminal.clearanceRate, lang)}</td>
                </tr>
                <tr>
                  <td>{tr('annual.very_and_especially_serious')}</td>
                  <td className="num">{number(r.criminal.severe.occurred, lang)}</td>
                  <td className="num">{number(r.criminal.severe.solved, lang)}</td>
                  <td className="num">{pct(r.criminal.severe.clearanceRate, lang)}</td>
                </tr>
              </tbody>
            </table>
            <p>
              {tr('annual.arrests_in_criminal_cases')}:{' '}
              <strong>{number(r.criminal.arrests, lang)}</strong>
            </p>
          </>
        ) : null}
      </Card>
    </div>
  );
}
