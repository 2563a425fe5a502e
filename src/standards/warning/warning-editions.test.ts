// Every rule of the 2019 and 2024 gradings at its boundaries (docs/warnings.md §1), on
// PM2.5-led forecasts, plus O3-led and dust-led days and the rolling 24-hour AQI.
import { describe, expect, it } from 'vitest';
import { grade, levelOf } from './test-forecasts.ts';
import { warningEditionFor, WARNING_EDITION_SPECS } from './warning-editions.ts';

describe('2019 (环办大气函〔2019〕648号)', () => {
  it('yellow: daily AQI > 200 for 48 h — 201 counts, 200 does not, one day is not enough', () => {
    expect(levelOf('2019', [201, 201])).toBe('yellow');
    expect(levelOf('2019', [200, 201])).toBe('none');
    expect(levelOf('2019', [201, 200])).toBe('none');
    expect(levelOf('2019', [201])).toBe('none');
    expect(levelOf('2019', [100, 201, 120, 201, 90])).toBe('none');
    expect(levelOf('2019', [90, 201, 201, 150])).toBe('yellow');
  });

  it('orange: daily AQI > 200 for 72 h, with no "> 300" clause', () => {
    expect(levelOf('2019', [201, 201, 201])).toBe('orange');
    expect(levelOf('2019', [201, 201, 200])).toBe('yellow');
    expect(levelOf('2019', [201, 300, 201])).toBe('orange');
  });

  it('red: > 200 for 96 h and > 300 for 48 h', () => {
    expect(levelOf('2019', [201, 201, 301, 301])).toBe('red');
    expect(levelOf('2019', [301, 301, 201, 201])).toBe('red');
    expect(levelOf('2019', [301, 301, 301, 301])).toBe('red');
    // 96 h but only 24 h above 300
    expect(levelOf('2019', [201, 201, 201, 301])).toBe('orange');
    // > 300 twice, but not for 48 h in a row
    expect(levelOf('2019', [301, 201, 301, 201])).toBe('orange');
    // 48 h above 300 but only 72 h above 200
    expect(levelOf('2019', [301, 301, 301])).toBe('orange');
    expect(levelOf('2019', [201, 301, 301, 200])).toBe('orange');
    expect(levelOf('2019', [201, 201, 300, 300])).toBe('orange');
  });

  it('red: AQI reaching 500 on one day suffices; 499 does not', () => {
    const g = grade('2019', [500]);
    expect(g.level).toBe('red');
    expect(g.basis?.conditionId).toBe('2019.red.b');
    expect(g.reason).toContain('日AQI≥500');
    expect(levelOf('2019', [499])).toBe('none');
    expect(levelOf('2019', [120, 500, 120])).toBe('red');
    expect(levelOf('2019', [499, 499])).toBe('yellow');
  });

  it('ignores the pollutant: O3-led and dust-led days are graded like PM2.5', () => {
    const o3 = grade(
      '2019',
      [201, 201, 201].map((aqi) => ({ aqi, primary: 'O3' as const })),
    );
    expect(o3).toMatchObject({ level: 'orange', response: 'industrial' });
    const dust = grade('2019', [
      { aqi: 320, primary: 'PM10', cause: 'dust' },
      { aqi: 340, primary: 'PM10', cause: 'dust' },
    ]);
    expect(dust).toMatchObject({ level: 'yellow', response: 'industrial' });
  });
});

describe('2024 (环大气〔2024〕6号)', () => {
  it('yellow: one day > 200 suffices', () => {
    const g = grade('2024', [120, 201, 120]);
    expect(g).toMatchObject({ level: 'yellow', from: '2020-12-02', to: '2020-12-02' });
    expect(g.basis?.conditionId).toBe('2024.yellow.a');
    expect(levelOf('2024', [120, 200, 120])).toBe('none');
  });

  it('yellow: or > 150 for 48 h; 150 does not count, one day > 150 is not enough', () => {
    const g = grade('2024', [151, 151]);
    expect(g.level).toBe('yellow');
    expect(g.basis?.conditionId).toBe('2024.yellow.b');
    expect(levelOf('2024', [150, 151])).toBe('none');
    expect(levelOf('2024', [151])).toBe('none');
    expect(levelOf('2024', [151, 150, 151])).toBe('none');
  });

  it('orange: > 200 for 48 h, or > 150 for 72 h', () => {
    expect(grade('2024', [201, 201]).basis?.conditionId).toBe('2024.orange.a');
    expect(grade('2024', [151, 151, 151]).basis?.conditionId).toBe('2024.orange.b');
    expect(levelOf('2024', [151, 151, 150])).toBe('yellow');
    expect(levelOf('2024', [151, 201])).toBe('yellow');
    expect(levelOf('2024', [201, 200])).toBe('yellow');
    expect(levelOf('2024', [201, 151, 201])).toBe('orange');
  });

  it('red: > 200 for 72 h and one day > 300', () => {
    expect(levelOf('2024', [201, 201, 301])).toBe('red');
    expect(levelOf('2024', [301, 201, 201])).toBe('red');
    expect(levelOf('2024', [201, 201, 300])).toBe('orange');
    expect(levelOf('2024', [201, 301])).toBe('orange');
    expect(levelOf('2024', [151, 151, 151, 301])).toBe('orange');
    expect(levelOf('2024', [201, 201, 200, 301])).toBe('orange');
  });

  it('red in one episode: a > 300 day after a dip to 151–200 still belongs to the episode', () => {
    // One 2024 episode (every day > 150): > 200 for 72 h, and a day > 300.
    expect(levelOf('2024', [201, 201, 201, 180, 301])).toBe('red');
    // A clean day splits the episode (and the merge rule keeps the level of the stricter part).
    expect(levelOf('2024', [201, 201, 201, 100, 301])).toBe('orange');
  });

  it('has no "reaches 500" branch: one day at 500 is yellow, two are orange', () => {
    expect(levelOf('2024', [500])).toBe('yellow');
    expect(levelOf('2024', [500, 500])).toBe('orange');
    expect(levelOf('2024', [500, 500, 500])).toBe('red');
  });

  it('O3-led episodes get health advice and VOC/NOx supervision, no coloured level', () => {
    const g = grade(
      '2024',
      [201, 201, 201].map((aqi) => ({ aqi, primary: 'O3' as const })),
    );
    expect(g).toMatchObject({
      level: 'none',
      response: 'advice',
      thresholdLevel: 'orange',
      measures: ['health-advice', 'voc-nox-supervision'],
    });
    expect(g.reason).toContain('以臭氧为主');
    expect(g.reason).toContain('不启动分级预警');
  });

  it('dust-led days get advice only (dust-source control)', () => {
    const dust = (aqi: number) => ({ aqi, primary: 'PM10' as const, cause: 'dust' as const });
    const g = grade('2024', [dust(500), dust(450), dust(420), dust(380)]);
    expect(g).toMatchObject({ level: 'none', response: 'advice', thresholdLevel: 'red' });
    expect(g.measures).toEqual(['health-advice', 'dust-control']);
    expect(g.reason).toContain('以沙尘为主');
    // PM10 without a stated cause is graded as particulate pollution.
    expect(levelOf('2024', [{ aqi: 250, primary: 'PM10' }])).toBe('yellow');
  });

  it('O3 and PM2.5 days of one spell are separate episodes; the coloured one is recommended', () => {
    const g = grade('2024', [
      { aqi: 210, primary: 'O3' },
      { aqi: 210, primary: 'O3' },
      { aqi: 205, primary: 'PM2.5' },
    ]);
    expect(g).toMatchObject({ level: 'yellow', response: 'industrial', from: '2020-12-03' });
    expect(g.episodes.map((e) => [e.response, e.thresholdLevel, e.from, e.to])).toEqual([
      ['advice', 'orange', '2020-12-01', '2020-12-02'],
      ['industrial', 'yellow', '2020-12-03', '2020-12-03'],
    ]);
  });

  it('a day with tied primary pollutants O3 and PM2.5 is answered as PM2.5 (the stricter)', () => {
    expect(levelOf('2024', [{ aqi: 230, primary: ['O3', 'PM2.5'] }])).toBe('yellow');
  });

  it('a day without a primary pollutant is graded as particulate pollution, with a note', () => {
    const g = grade('2024', [{ aqi: 230, primary: [] }]);
    expect(g.level).toBe('yellow');
    expect(g.notes.join()).toContain('未给出首要污染物');
  });
});

describe('the 24-hour rolling AQI (连续24小时，可跨自然日)', () => {
  const crossing = [
    { aqi: 190, rolling24hAqi: 215 },
    { aqi: 205, rolling24hAqi: 230 },
  ];

  it('counts a day whose 24 consecutive hours exceed the threshold across midnight', () => {
    const g = grade('2019', crossing);
    expect(g.level).toBe('yellow');
    expect(g.basis?.matches[0]?.dates).toEqual(['2020-12-01', '2020-12-02']);
    expect(g.notes).toContain('12月1日 按连续24小时AQI 215 计（自然日AQI 190）');
    expect(levelOf('2024', [{ aqi: 150, rolling24hAqi: 201 }])).toBe('yellow');
  });

  it('reads only the natural-day AQI when configured so', () => {
    expect(levelOf('2019', crossing, { dailyAqiBasis: 'natural-day' })).toBe('none');
    expect(
      levelOf('2024', [{ aqi: 150, rolling24hAqi: 201 }], { dailyAqiBasis: 'natural-day' }),
    ).toBe('none');
  });

  it('never lowers a day below its natural-day AQI', () => {
    expect(levelOf('2019', [{ aqi: 230, rolling24hAqi: 180 }, 230])).toBe('yellow');
  });
});

describe('editions by date', () => {
  it('uses 648号 before 2024-01-23 and 6号 from that day', () => {
    expect(warningEditionFor('2024-01-22')).toBe('2019');
    expect(warningEditionFor('2024-01-23')).toBe('2024');
    expect(warningEditionFor('2020-12-01')).toBe('2019');
    expect(WARNING_EDITION_SPECS['2024'].issued).toBe('2024-01-23');
  });

  it('names the edition and its document in every result', () => {
    for (const edition of ['2019', '2024'] as const) {
      for (const aqis of [[50], [201, 201, 201, 301]]) {
        const g = grade(edition, aqis);
        expect(g.edition).toBe(edition);
        expect(g.document).toBe(WARNING_EDITION_SPECS[edition].document);
      }
    }
  });
});
