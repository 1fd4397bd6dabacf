// The pages, the capacity figures and the week ahead in German: what the extension shows when VS Code's display
// language is German (the shipped bundle, set as activate() sets it), and how a page gets that language from
// the extension (pageHtml writes it, usePageLanguage reads it back). The view functions are pure, so their
// German is checked here without a browser. Each check names real German: a string whose lookup fails comes
// out English and fails it.
import * as assert from 'node:assert/strict';
import * as l10n from '@vscode/l10n';
import { availabilityPresetLabel } from '../../src/capacity/availability';
import { capacityPresetLabel, validateRange } from '../../src/capacity/capacityRange';
import { formatHours, summarizeCapacity } from '../../src/capacity/capacitySummary';
import { weekAhead, weekAheadRange } from '../../src/capacity/weekAhead';
import { addDays, weekdayOf } from '../../src/kantata/isoDate';
import type { Capacity, User } from '../../src/kantata/types';
import { displayLanguage, useDisplayLanguage } from '../../src/locale/displayLanguage';
import { usePageLanguage } from '../../src/locale/pageLanguage';
import { availabilityHtml } from '../../src/availability/availabilityHtml';
import { gridCsv, gridMarkdown, exportedRows, rowData, weekColumns } from '../../src/availability/gridData';
import type { PersonData } from '../../src/availability/protocol';
import { dateText, progressText } from '../../src/availability/view/gridModel';
import { renderDays, renderLegend, renderTable, renderToolbar, renderViewControls } from '../../src/availability/view/gridView';
import { profileHtml } from '../../src/profile/profileHtml';
import { toErrorData, toProfileData } from '../../src/profile/profileData';
import { renderCapacitySection } from '../../src/profile/view/capacityView';
import { renderError, renderProfile } from '../../src/profile/view/profileView';
import { textOf, type VElement, type VNode } from '../../src/profile/view/vnode';
import { germanBundle, inGerman } from '../support/inGerman';
import { WEEK_AHEAD_TEXT } from '../support/weekAheadText';

function elements(node: VNode): VElement[] {
  return typeof node === 'string' ? [] : [node, ...node.children.flatMap(elements)];
}

const byTag = (node: VNode, tag: string): VElement[] => elements(node).filter((element) => element.tag === tag);
const oneLine = (text: string): string => text.replace(/\s+/g, ' ').trim();
const texts = (nodes: readonly VNode[]): string[] => nodes.map((node) => oneLine(textOf(node)));
/** A table row's cells, ` | ` between them. */
const cellsOf = (row: VElement): string => row.children.map((cell) => oneLine(textOf(cell))).join(' | ');

function capacityOf(start: string, end: string, hoursOn: (date: string, weekday: number) => number): Capacity {
  const days = [];
  for (let date = start; date <= end; date = addDays(date, 1)) {
    days.push({ date, hours: hoursOn(date, weekdayOf(date)) });
  }
  return { startDate: start, endDate: end, days };
}

/** Words of the English pages that must not be left on a German one. */
const ENGLISH = /\b(Loading|Refresh|Retry|Total|Hours|Capacity|level|you|over|working|weekend|week|Show|Sign In|Person|Cancel|Copy|Save|Sort|Clear|Legend|Arrow)\b/;

describe('in German', () => {
  inGerman();

  it('speaks German while the suite runs, with the shipped bundle', () => {
    assert.equal(displayLanguage(), 'de');
    assert.equal(l10n.t('Capacity'), 'Kapazität');
  });

  describe('the profile page', () => {
    const user: User = {
      id: '7',
      fullName: 'Jana Schäfer',
      emailAddress: 'jana@example.com',
      headline: 'Entwicklerin',
      bio: 'Backend und Datenbanken.',
      abbreviatedTimezone: 'CET',
      classification: 'Intern',
      role: { id: '1', name: 'Engineer' },
      accountMembership: { id: '3', permission: 'collaborator', disabledAt: '2026-01-01T00:00:00Z' },
      skillMemberships: [
        { id: '4', level: 3, maxLevel: 5, skill: { id: '5', name: 'TypeScript' } },
        { id: '6', level: 1, skill: { id: '7', name: 'Äsop-Zertifikat' } },
        { id: '8', level: 2, maxLevel: 5, skill: { id: '9', name: 'Zeichnen' } },
      ],
      customFieldValues: [{ id: '6', name: 'Team', displayValue: 'Plattform' }],
    };

    it('headings, badges, the toolbar, the details and the skill levels', () => {
      const page = renderProfile(toProfileData(user, { isMe: true }));
      assert.deepEqual(texts(byTag(page, 'h1')), ['Jana Schäfer Sie deaktiviert']);
      assert.deepEqual(texts(byTag(page, 'h2')), ['Details', 'Zur Person', 'Skills', 'Benutzerdefinierte Felder']);
      const toolbar = elements(page).find((element) => element.attrs.role === 'toolbar');
      assert.equal(toolbar?.attrs['aria-label'], 'Profilaktionen');
      assert.deepEqual(texts(byTag(toolbar as VElement, 'button')), ['Aktualisieren', 'Benutzer aktualisieren…', 'Foto aktualisieren…', 'Foto zurücksetzen']);
      assert.deepEqual(texts(byTag(page, 'dt')).slice(0, 5), ['E-Mail', 'Rolle', 'Kontoberechtigung', 'Klassifizierung', 'Zeitzone']);
      // Skills in German order (Ä with A), the level in words.
      assert.deepEqual(texts(byTag(byTag(page, 'ul')[0] as VElement, 'li')), ['Äsop-Zertifikat Stufe 1', 'TypeScript Stufe 3 von 5', 'Zeichnen Stufe 2 von 5']);
      assert.doesNotMatch(textOf(page), ENGLISH);
    });

    it('an error with its actions, and a failure of our own in German', () => {
      const failed = renderError({ message: 'Kantata antwortet nicht.', canRetry: true, canSignIn: true }, 'refresh');
      assert.deepEqual(texts(byTag(failed, 'button')), ['Erneut versuchen', 'Anmelden', 'Protokoll anzeigen']);
      assert.equal(toErrorData(new Error('kaputt')).message, 'Etwas ist schiefgegangen: kaputt');
    });
  });

  describe('the capacity section', () => {
    // Tuesday 6 January to Monday 12 January 2026: a week cut at its start, and one day of the next.
    const capacity = capacityOf('2026-01-06', '2026-01-12', (date) => (date === '2026-01-06' ? 617 : date === '2026-01-07' ? 617.25 : 0));

    it('numbers and dates as German writes them: 1.234,25 Std., 6. Jan., Di., 6. Jan.', () => {
      const section = renderCapacitySection({ status: 'loaded', preset: 'thisWeek', range: { start: capacity.startDate, end: capacity.endDate }, capacity });
      const all = elements(section);
      assert.deepEqual(texts(byTag(section, 'h2')), ['Kapazität']);
      assert.equal(textOf(all.find((element) => element.attrs['data-testid'] === 'capacity-total') as VElement), '1.234,25 Std.');
      assert.equal(texts(all.filter((element) => element.attrs.class === 'total'))[0], 'Insgesamt 1.234,25 Std. an 2 Arbeitstagen');
      assert.deepEqual(texts(all.filter((element) => element.tag === 'li' && element.attrs.title)), ['6. Jan. – 11. Jan. (teilweise) 1.234,25 Std.', '12. Jan. (teilweise) 0 Std.']);
      assert.deepEqual(texts(byTag(section, 'text')), ['6. Jan.', '12. Jan.'], 'the chart: a date under the first day and every Monday');
      assert.equal(texts(byTag(section, 'title'))[0], 'Di., 6. Jan.: 617 Std.');
      assert.deepEqual(byTag(section, 'tr').slice(0, 3).map(cellsOf), ['Tag | Stunden', 'Di., 6. Jan. | 617 Std.', 'Mi., 7. Jan. | 617,25 Std.']);
      assert.equal(texts(byTag(section, 'caption'))[0], 'Kapazität vom 2026-01-06 bis 2026-01-12');
      assert.deepEqual(texts(all.filter((element) => element.attrs['data-action'] === 'preset')), ['Diese Woche', 'Nächste 2 Wochen', 'Dieser Monat', 'Nächste 3 Monate']);
      assert.deepEqual(texts(byTag(section, 'label')), ['Von', 'Bis']);
      assert.deepEqual(texts(byTag(section, 'summary')), ['Stunden pro Tag']);
      assert.match(oneLine(textOf(section)), /Arbeitstag Wochenende keine Kapazität/);
      assert.doesNotMatch(textOf(section), ENGLISH);
    });

    it('one working day, loading, and a range typed wrong', () => {
      const one = capacityOf('2026-01-05', '2026-01-11', (date) => (date === '2026-01-05' ? 7.5 : 0));
      const section = renderCapacitySection({ status: 'loaded', range: { start: one.startDate, end: one.endDate }, capacity: one });
      assert.equal(texts(elements(section).filter((element) => element.attrs.class === 'total'))[0], 'Insgesamt 7,5 Std. an 1 Arbeitstag');
      assert.match(textOf(renderCapacitySection({ status: 'loading' })), /Kapazität wird geladen…/);
      const wrong = validateRange('2026-01-05', '5.1.2026');
      assert.equal(wrong.ok ? '' : wrong.message, '5.1.2026 ist kein Datum. Verwenden Sie die Form JJJJ-MM-TT, z. B. 2026-03-09.');
      const long = validateRange('2026-01-01', '2027-06-30');
      assert.equal(long.ok ? '' : long.message, 'Wählen Sie höchstens 366 Tage (dieser Zeitraum hat 546).');
      assert.equal(capacityPresetLabel('next3Months'), 'Nächste 3 Monate');
    });

    it('the summary writes its day labels and week spans in German', () => {
      const summary = summarizeCapacity(capacity);
      assert.deepEqual(summary.days.map((day) => day.label).slice(0, 2), ['Di., 6. Jan.', 'Mi., 7. Jan.']);
      assert.deepEqual(summary.weeks.map((week) => week.span), ['6. Jan. – 11. Jan.', '12. Jan.']);
      assert.equal(formatHours(1234.5), '1.234,5 Std.');
    });
  });

  describe('Team Availability', () => {
    const range = { start: '2026-01-06', end: '2026-01-18' };
    const people: PersonData[] = [
      { id: '1', name: 'Zoë Berg', role: 'Design', initials: 'ZB' },
      { id: '2', name: 'Ähm Ahrens', role: 'Engineer', initials: 'ÄA' },
    ];
    // 7.5 h on weekdays, but Friday 9 January off: 22,5 of 30 h in the first (cut) week.
    const capacity = capacityOf(range.start, range.end, (date, weekday) => (weekday < 5 && date !== '2026-01-09' ? 7.5 : 0));

    it('the toolbar, the progress line, the controls and the legend', () => {
      const progress = { done: 12, failed: 1, total: 1234, finished: false, cancelled: false };
      const toolbar = renderToolbar('next6Weeks', progress);
      assert.deepEqual(texts(byTag(toolbar, 'button')), ['Nächste 2 Wochen', 'Nächste 6 Wochen', 'Nächste 13 Wochen', 'Aktualisieren', 'Abbrechen', 'Als Markdown kopieren', 'Als CSV speichern…']);
      assert.equal(toolbar.attrs['aria-label'], 'Aktionen der Verfügbarkeit');
      assert.equal(progressText(progress), '11 von 1.234 Personen geladen · 1 fehlgeschlagen');
      assert.equal(progressText({ ...progress, done: 1234, failed: 2, finished: true }), '1.232 von 1.234 geladen · 2 fehlgeschlagen');
      assert.equal(progressText({ done: 1, failed: 0, total: 1, finished: true, cancelled: false }), 'Alle 1 geladen');
      assert.equal(progressText(undefined), 'Wird geladen…');
      const finished = renderToolbar('next2Weeks', { done: 3, failed: 2, total: 3, finished: true, cancelled: false });
      assert.ok(texts(byTag(finished, 'button')).includes('Fehlgeschlagene erneut versuchen (2)'));
      const controls = renderViewControls(weekColumns(range), { sort: { kind: 'name' } });
      assert.deepEqual(texts(byTag(controls, 'label')), ['Sortieren nach', 'Mindestens', 'Std. frei in der Woche']);
      assert.deepEqual(texts(byTag(byTag(controls, 'select')[0] as VElement, 'option')), ['Name', 'Stunden in 6. Jan. – 11. Jan.', 'Stunden in 12. Jan. – 18. Jan.']);
      const legend = renderLegend();
      assert.match(texts(byTag(legend, 'p'))[0] ?? '', /^Jede Zelle zeigt die freien Stunden einer Woche im Verhältnis zur üblichen Woche der Person/);
      assert.equal(byTag(legend, 'ul')[0]?.attrs['aria-label'], 'Legende');
      assert.deepEqual(texts(byTag(legend, 'li')), ['● volle Woche: alle üblichen Stunden', '◐ teilweise: ein Teil davon', '○ abwesend: keine Stunden']);
      assert.equal(availabilityPresetLabel('next13Weeks'), 'Nächste 13 Wochen');
    });

    it('the table: caption, headers, cells, totals and the days of a cell', () => {
      const weeks = weekColumns(range);
      const row = rowData('1', capacity);
      const table = renderTable({ title: 'Plattform', range, weeks, people }, (userId) => (userId === '1' ? { kind: 'loaded', cells: row.cells } : { kind: 'loading' }), [22.5, 1234.5]);
      assert.equal(texts(byTag(table, 'caption'))[0], 'Plattform, 6. Jan. 2026 bis 18. Jan. 2026');
      assert.deepEqual(texts(byTag(table, 'th').filter((th) => th.attrs.scope === 'col')), ['Name', '6. Jan. – 11. Jan. 2026-W02 (teilweise, 6 Tage)', '12. Jan. – 18. Jan. 2026-W03']);
      const cell = elements(table).find((element) => element.attrs['data-testid'] === 'cell-1-0') as VElement;
      assert.equal(texts([cell])[0], '◐ 22,5 Std. von 30 Std., teilweise');
      assert.equal(row.cells[0]?.text, '22,5 Std. von 30 Std.');
      assert.equal(texts([elements(table).find((element) => element.attrs['data-testid'] === 'cell-2-0') as VElement])[0], 'Wird geladen…');
      assert.deepEqual(byTag(byTag(table, 'tfoot')[0] as VElement, 'tr').map(cellsOf), ['Summe | 22,5 Std. | 1.234,5 Std.']);
      assert.match(textOf(table), /Mit den Pfeiltasten wechseln Sie zwischen den Zellen/);
      const days = renderDays(weeks[0], row.cells[0] as NonNullable<(typeof row.cells)[0]>);
      assert.equal(texts(days)[0], '6. Jan. – 11. Jan.: 22,5 Std. von 30 Std.');
      assert.deepEqual(texts(days.flatMap((node) => byTag(node, 'li'))), ['Di., 6. Jan. 7,5 Std.', 'Mi., 7. Jan. 7,5 Std.', 'Do., 8. Jan. 7,5 Std.', 'Fr., 9. Jan. 0 Std.', 'Sa., 10. Jan. 0 Std.', 'So., 11. Jan. 0 Std.']);
      assert.equal(dateText('2026-03-09'), '9. März 2026');
    });

    it('Markdown and CSV: headers for people in German, CSV figures still plain numbers', () => {
      const weeks = weekColumns(range);
      const rows = new Map([['1', rowData('1', capacity)], ['2', rowData('2', capacity)]]);
      const exported = exportedRows(people, rows, { sort: { kind: 'name' } });
      assert.deepEqual(exported.map((row) => row.name), ['Ähm Ahrens', 'Zoë Berg'], 'names in German order');
      const markdown = gridMarkdown(weeks, exported).split('\n');
      assert.equal(markdown[0], '| Name | Rolle | 2026-W02 (6. Jan. – 11. Jan.) | 2026-W03 (12. Jan. – 18. Jan.) |');
      assert.equal(markdown[2], '| Ähm Ahrens | Engineer | 22,5 Std. von 30 Std. | 37,5 Std. von 37,5 Std. |');
      assert.equal(markdown.at(-1), '| **Summe** |  | 45 Std. | 75 Std. |');
      const csv = gridCsv(weeks, exported).split('\r\n');
      assert.equal(csv[0], 'Name,Rolle,2026-W02 (6. Jan. – 11. Jan.) Stunden,2026-W02 (6. Jan. – 11. Jan.) üblich,2026-W03 (12. Jan. – 18. Jan.) Stunden,2026-W03 (12. Jan. – 18. Jan.) üblich');
      assert.equal(csv[1], 'Ähm Ahrens,Engineer,22.5,30,37.5,37.5');
      assert.equal(csv.at(-1), 'Summe,,45,,75,');
    });
  });

  describe('the week ahead', () => {
    const fullTime = (_date: string, weekday: number) => (weekday < 5 ? 7.5 : 0);

    it('reads German, with German numbers', () => {
      const monday = '2026-01-05';
      const range = weekAheadRange(monday);
      assert.equal(weekAhead(capacityOf(range.start, range.end, fullTime), monday).text, 'Diese Woche: 37,5 Std.');
      const dayOff = capacityOf(range.start, range.end, (date, weekday) => (date === '2026-01-09' ? 0 : fullTime(date, weekday)));
      assert.equal(weekAhead(dayOff, monday).text, 'Diese Woche: 30 von 37,5 Std.');
      const away = capacityOf(range.start, range.end, (date, weekday) => (date <= '2026-01-11' ? 0 : fullTime(date, weekday)));
      assert.equal(weekAhead(away, monday).text, 'Diese Woche abwesend');
      assert.equal(weekAhead(capacityOf(range.start, range.end, () => 0), monday).text, 'Diese Woche keine Stunden');
      const saturday = '2026-01-10';
      const next = weekAheadRange(saturday);
      assert.equal(weekAhead(capacityOf(next.start, next.end, fullTime), saturday).text, 'Nächste Woche: 37,5 Std.');
    });
  });

  describe('a page gets the language from the extension', () => {
    const shell = { cspSource: 'https://webview.example', nonce: 'n'.repeat(32), script: 'void 0;', style: 'body {}', title: 'Profil' };

    /** What a browser gives a script for an attribute the shell escaped (numeric character references). */
    function attributeValue(html: string, name: string): string | undefined {
      const raw = new RegExp(` ${name}="([^"]*)"`).exec(html)?.[1];
      return raw?.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)));
    }

    afterEach(() => useDisplayLanguage('de', germanBundle()));

    it('pageHtml writes lang="de" and the translations; usePageLanguage reads them back', () => {
      for (const html of [profileHtml({ ...shell, userId: '7' }), availabilityHtml(shell)]) {
        assert.match(html, /^<!DOCTYPE html>\n<html lang="de">/);
        const bundle = attributeValue(html, 'data-l10n');
        assert.ok(bundle, 'no data-l10n');
        useDisplayLanguage('en', undefined);
        assert.equal(l10n.t('Capacity'), 'Capacity');
        usePageLanguage(attributeValue(html, 'lang') ?? '', bundle);
        assert.equal(displayLanguage(), 'de');
        assert.equal(l10n.t('Capacity'), 'Kapazität');
        assert.equal(formatHours(1234.5), '1.234,5 Std.');
      }
    });

    it('a translation holding quotes, <, > and & stays data: escaped in the page, whole once read back', () => {
      const tricky = 'Kapazität "<script>alert(\'x\')</script>" & <b>';
      useDisplayLanguage('de', { ...germanBundle(), Capacity: tricky });
      const html = profileHtml({ ...shell, userId: '7' });
      const raw = / data-l10n="([^"]*)"/.exec(html)?.[1] ?? '';
      assert.ok(raw.length > 0 && !/[<>"']/.test(raw), 'the attribute holds markup or quotes');
      assert.equal(html.match(/<script/g)?.length, 1, 'only our own script');
      useDisplayLanguage('en', undefined);
      usePageLanguage('de', attributeValue(html, 'data-l10n'));
      assert.equal(l10n.t('Capacity'), tricky);
      assert.equal(l10n.t('This week: {0} of {1} h', '32', '40'), 'Diese Woche: 32 von 40 Std.');
    });

    it('English writes no translations into the page, and keeps its own forms', () => {
      useDisplayLanguage('en', undefined);
      const html = profileHtml({ ...shell, userId: '7' });
      assert.match(html, /<html lang="en">/);
      assert.ok(!html.includes('data-l10n'));
      const week = capacityOf('2026-01-05', '2026-01-18', (_date, weekday) => (weekday < 5 ? 8 : 0));
      assert.match(weekAhead(week, '2026-01-05').text, WEEK_AHEAD_TEXT);
      assert.equal(weekAhead(week, '2026-01-05').text, 'This week: 40 h');
      assert.equal(summarizeCapacity(week).days[0]?.label, 'Mon 5 Jan');
      assert.equal(dateText('2026-03-09'), '9 Mar 2026');
    });
  });
});
