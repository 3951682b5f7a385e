// The self-assessment's logic (docs/assets/javascripts/self-assessment.js), without a browser:
// node --test tests/js/   (tests/test_javascript.py runs it under pytest).
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");

const logic = require(path.join(__dirname, "..", "..", "docs", "assets", "javascripts", "self-assessment.js"));

/** A small model as the page's JSON block gives it: two groups, three competencies, three levels, a profile. */
function pageData() {
  return {
    format: "competency-self-assessment", formatVersion: 1, modelVersion: "2.0.0", modelDate: "2026-11-29",
    language: "nl", noteLength: 20, wholeModelLimit: 10,
    levels: [{ id: "basis", name: "Basis" }, { id: "midden", name: "Midden" }, { id: "top", name: "Top" }],
    groups: [{ id: "g1", name: "Groep 1" }, { id: "g2", name: "Groep 2" }],
    competencies: [{ id: "a", group: "g1", name: "A" }, { id: "b", group: "g1", name: "B" },
                   { id: "c", group: "g2", name: "C" }],
    profiles: [{ id: "p", name: "Profiel", expected: { a: "midden", c: "top" } }],
    labels: { unsure: "Nog niet zeker", not_chosen: "Niet gekozen", no_target: "Geen", no_difference: "n.v.t." }
  };
}

function answered(profile) {
  return { profile: profile, answers: { a: "basis", b: "unsure", c: "top" }, notes: { a: "Oefenen" } };
}

test("format fills the placeholders it knows and leaves the others", () => {
  assert.equal(logic.format("{file} is versie {version}", { file: "x.json", version: 2 }), "x.json is versie 2");
  assert.equal(logic.format("{unknown}", {}), "{unknown}");
});

test("a level's number counts from the first level; unsure, none and unknown are 0", () => {
  const data = pageData();
  assert.deepEqual(["basis", "midden", "top", "unsure", "", "weg"].map((id) => logic.levelNumber(data, id)),
                   [1, 2, 3, 0, 0, 0]);
});

test("the result has a row per competency, in model order, with the difference to the profile", () => {
  const rows = logic.resultRows(pageData(), answered("p"));
  assert.deepEqual(rows.map((row) => [row.id, row.groupName, row.chosenName, row.expectedName, row.difference,
                                      row.below]),
                   [["a", "Groep 1", "Basis", "Midden", -1, true],
                    ["b", "Groep 1", "Nog niet zeker", "Geen", null, false],
                    ["c", "Groep 2", "Top", "Top", 0, false]]);
});

test("without a profile there is no expected level and no difference", () => {
  const rows = logic.resultRows(pageData(), answered(""));
  assert.ok(rows.every((row) => row.expectedNumber === 0 && row.difference === null && !row.below));
  assert.equal(rows[0].expectedName, "Geen");
});

test("differences are written with a sign, a real minus, or as not applicable", () => {
  const data = pageData();
  assert.deepEqual([2, 0, -1, null].map((difference) => logic.differenceText(data, difference)),
                   ["+2", "0", "\u22121", "n.v.t."]);
});

test("a large model's result shows only the competencies answered or asked by the profile", () => {
  const data = pageData();
  for (let index = 0; index < data.wholeModelLimit; index += 1) {
    data.competencies.push({ id: `x${index}`, group: "g2", name: `X${index}` });
  }
  const state = { profile: "p", answers: { b: "top" }, notes: {} };
  assert.deepEqual(logic.shownCompetencies(data, state).map((competency) => competency.id), ["a", "b", "c"]);
  assert.equal(logic.shownCompetencies(pageData(), state).length, 3);
});

test("the chart puts each bar's end at its level and the marker at the expected level", () => {
  const data = pageData();
  const layout = logic.chartLayout(logic.resultRows(data, answered("p")), data.levels.length, 400);
  const step = layout.step;
  assert.equal(layout.width, 400);
  assert.equal(step, (layout.width - 2 * layout.left) / 3);
  assert.deepEqual(layout.scale.map((tick) => tick.x), [1, 2, 3].map((n) => layout.left + n * step));
  const [a, b, c] = layout.bars;
  assert.equal(a.width, step);
  assert.equal(a.marker.x, layout.left + 2 * step);
  assert.equal(b.width, 0);
  assert.ok(b.unsure);
  assert.equal(b.marker, null);
  assert.equal(c.width, 3 * step);
  assert.equal(c.marker.x, c.x + c.width);
  // A group's name comes before its first competency; the rows go down the page without overlapping.
  assert.deepEqual(layout.groups.map((group) => group.id), ["g1", "g2"]);
  assert.ok(layout.groups[1].y > b.barY + b.barHeight && layout.groups[1].y < c.nameY);
  assert.ok(a.barY + a.barHeight < b.nameY - 10);
  assert.ok(layout.height >= c.barY + c.barHeight);
});

test("the chart takes its column's width, within limits", () => {
  const rows = logic.resultRows(pageData(), answered(""));
  assert.equal(logic.chartLayout(rows, 3, 343).width, 343);
  assert.equal(logic.chartLayout(rows, 3, 100).width, 260);
  assert.equal(logic.chartLayout(rows, 3, 2000).width, 560);
  assert.equal(logic.chartLayout(rows, 3, 0).width, 560);
});

test("the marker is a diamond around its point", () => {
  assert.equal(logic.diamond(10, 20, 5), "10,15 15,20 10,25 5,20");
});

test("a saved file reads back into the same answers, notes and profile", () => {
  const data = pageData();
  const state = answered("p");
  const file = logic.fileDocument(data, state, "2026-12-01");
  assert.equal(file.modelVersion, "2.0.0");
  assert.equal(file.language, "nl");
  assert.equal(file.saved, "2026-12-01");
  assert.deepEqual(file.names, { a: "A", b: "B", c: "C" });
  const read = logic.readFile(data, JSON.stringify(file));
  assert.deepEqual(read.state, state);
  assert.deepEqual(read.unknown, []);
  assert.equal(read.otherVersion, null);
  assert.equal(read.unknownProfile, null);
});

test("a file that is not a saved self-assessment is refused as such", () => {
  const data = pageData();
  for (const text of ["", "not json", "[]", "null", '{"answers": {}}',
                      '{"format": "competency-self-assessment", "formatVersion": 1}',
                      '{"format": "competency-self-assessment", "formatVersion": 9, "answers": {}}',
                      '{"format": "competency-self-assessment", "formatVersion": 1, "answers": {}, "notes": []}']) {
    assert.deepEqual(logic.readFile(data, text), { error: "not_a_file" }, text);
  }
});

test("another model version loads what still fits, and names what is no longer in the model", () => {
  const data = pageData();
  const file = {
    format: "competency-self-assessment", formatVersion: 1, modelVersion: "1.0.0", language: "fr",
    profile: "oud", profileName: "Ancien profil",
    answers: { a: "top", weg: "basis", b: "expert", c: 3 },
    notes: { a: "x".repeat(50), weg: "note", c: "  " },
    names: { weg: "Verdwenen competentie", b: "B" }
  };
  const read = logic.readFile(data, JSON.stringify(file));
  assert.equal(read.otherVersion, "1.0.0");
  assert.deepEqual(read.state.answers, { a: "top" });
  assert.deepEqual(read.state.notes, { a: "x".repeat(20) });  // cut to the form's maxlength
  assert.deepEqual(read.unknown, ["Verdwenen competentie", "B", "c"]);
  assert.equal(read.state.profile, "");
  assert.equal(read.unknownProfile, "Ancien profil");
});

test("a large model's part remembers its answers apart from the other parts and from a whole-model page", () => {
  const whole = pageData();
  const part = Object.assign(pageData(), { part: "g2" });
  assert.equal(logic.storageKey(whole), logic.STORAGE_KEY);
  assert.equal(logic.storageKey(part), logic.STORAGE_KEY + ":g2");
  assert.notEqual(logic.storageKey(part), logic.storageKey(Object.assign(pageData(), { part: "g1" })));
});
