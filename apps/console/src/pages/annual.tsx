import { useState } from 'react';
import { Card, ErrorNote } from '../components/ui';
import { useQuery } from '@tanstack/react-query';
import { client, get } from '../lib/api';
import { number } from '../lib/format';
import { useLang } from '../lib/i18n';

const pct = (n: number, lang: 'vi' | 'en') =>
  `${lang === 'vi' ? n.toFixed(2).replace('.', ',') : n.toFixed(2)} %`;

/** The year-end report a district publishes (criminal cases by the year they occurred). */
export function AnnualPage() {
  const { L, lang } = useLang();
  const [year, setYear] = useState(2023);
  const [input, setInput] = useState('2023');
  const report = useQuery({
    queryKey: ['annual', year],
    queryFn: () => get(client.GET('/api/reports/annual', { params: { query: { year } } })),
  });
  const r = report.data;
  return (
    <div>
      <Card title={`${L('Báo cáo tổng kết năm', 'Year-end report')} ${year}`}>
        <form
          className="filters"
          onSubmit={(e) => {
            e.preventDefault();
            const y = Number(input);
            if (Number.isInteger(y) && y >= 1970 && y <= 2100) setYear(y);
          }}
        >
          <label>
            {L('Năm', 'Year')}{' '}
            <input
              type="number"
              name="year"
              min={1970}
              max={2100}
              value={input}
              onChange={(e) => setInput(e.target.value)}
            />
          </label>
          <button type="submit">{L('Xem', 'Show')}</button>
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
                <span>{L('tin báo của người dân', "citizens' tips")}</span>
              </div>
              <div className="tile">
                <span className="big">{number(r.tips.casesResolved, lang)}</span>
                <span>{L('vụ việc được làm rõ nhờ tin báo', 'cases solved from tips')}</span>
              </div>
              <div className="tile">
                <span className="big">{number(r.tips.arrests, lang)}</span>
                <span>{L('đối tượng bị bắt nhờ tin báo', 'arrests from tips')}</span>
              </div>
            </div>
            <table className="table">
              <thead>
                <tr>
                  <th>{L('Án hình sự', 'Criminal cases')}</th>
                  <th className="num">{L('Xảy ra', 'Occurred')}</th>
                  <th className="num">{L('Làm rõ', 'Solved')}</th>
                  <th className="num">{L('Tỷ lệ', 'Clearance')}</th>
                </tr>
              </thead>
              <tbody>
                <tr>
                  <td>{L('Tất cả', 'All')}</td>
                  <td className="num">{number(r.criminal.occurred, lang)}</td>
                  <td className="num">{number(r.criminal.solved, lang)}</td>
                  <td className="num">{pct(r.criminal.clearanceRate, lang)}</td>
                </tr>
                <tr>
                  <td>{L('Rất và đặc biệt nghiêm trọng', 'Very and especially serious')}</td>
                  <td className="num">{number(r.criminal.severe.occurred, lang)}</td>
                  <td className="num">{number(r.criminal.severe.solved, lang)}</td>
                  <td className="num">{pct(r.criminal.severe.clearanceRate, lang)}</td>
                </tr>
              </tbody>
            </table>
            <p>
              {L('Số đối tượng bị bắt trong các án hình sự', 'Arrests in criminal cases')}:{' '}
              <strong>{number(r.criminal.arrests, lang)}</strong>
            </p>
          </>
        ) : null}
      </Card>
    </div>
  );
}
