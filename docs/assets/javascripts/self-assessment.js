/* The private self-assessment (the page self-assessment/ of each language).

   The page's HTML is a checklist that works without this script. The script shows the tools (a
   profile to compare with, remember on this device, save, load, print) and the result: a chart and
   a table. Everything it needs is in the page: the texts in the HTML, the ids, profiles and its own
   labels in the JSON block #cm-self-data (hooks/site/selfassessment.py). It sends nothing anywhere
   and stores nothing unless the reader ticks "remember on this device".

   Two parts: the logic (state, a loaded file's validation, the result's rows, the chart's geometry),
   plain functions without the DOM that tests/js/ runs with Node's own test runner; and the wiring,
   which reads the page and draws on it. */
(function (root) {
  "use strict";

  // --- Logic ------------------------------------------------------------------------------------

  var UNSURE = "unsure";
  /** Where remembered answers live, only while "remember on this device" is ticked. */
  var STORAGE_KEY = "cm-self-assessment";

  /** Where the browser remembers a page's answers: a large model's part (one group) keeps its own. */
  function storageKey(data) {
    return data.part ? STORAGE_KEY + ":" + data.part : STORAGE_KEY;
  }

  /** A label with its {placeholders} filled in. */
  function format(template, values) {
    return String(template).replace(/\{(\w+)\}/g, function (whole, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : whole;
    });
  }

  function emptyState() {
    return { profile: "", answers: {}, notes: {} };
  }

  function byId(list) {
    var found = {};
    list.forEach(function (entry, index) { found[entry.id] = { entry: entry, index: index }; });
    return found;
  }

  /** The level's place, from 1 (the first level); 0 for no level, "not sure yet" or an unknown id. */
  function levelNumber(data, levelId) {
    var found = byId(data.levels)[levelId];
    return found ? found.index + 1 : 0;
  }

  function profileOf(data, profileId) {
    var found = byId(data.profiles)[profileId];
    return found ? found.entry : null;
  }

  /** The file a reader saves: the model's version and date, the language, the profile, answers and notes. */
  function fileDocument(data, state, savedOn) {
    var names = {};
    data.competencies.forEach(function (competency) {
      if (state.answers[competency.id] || state.notes[competency.id]) names[competency.id] = competency.name;
    });
    var profile = profileOf(data, state.profile);
    return {
      format: data.format, formatVersion: data.formatVersion,
      modelVersion: data.modelVersion, modelDate: data.modelDate, language: data.language, saved: savedOn,
      profile: state.profile || null, profileName: profile ? profile.name : null,
      answers: Object.assign({}, state.answers), notes: Object.assign({}, state.notes), names: names
    };
  }

  function isObject(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  }

  /**
   * A saved file's text read back: { error } when it is no saved self-assessment, else
   * { state, otherVersion, unknown, unknownProfile }. Answers and notes for a competency or level
   * that is not in this model are left out and named in ``unknown`` (by the name the file gives them).
   */
  function readFile(data, text) {
    var file;
    try {
      file = JSON.parse(text);
    } catch (error) {
      return { error: "not_a_file" };
    }
    if (!isObject(file) || file.format !== data.format || typeof file.formatVersion !== "number"
        || file.formatVersion > data.formatVersion || !isObject(file.answers)
        || (file.notes !== undefined && !isObject(file.notes))) {
      return { error: "not_a_file" };
    }
    var competencies = byId(data.competencies);
    var levels = byId(data.levels);
    var names = isObject(file.names) ? file.names : {};
    var state = emptyState();
    var unknown = [];
    function unknownName(id) {
      var name = typeof names[id] === "string" && names[id] ? names[id] : id;
      if (unknown.indexOf(name) < 0) unknown.push(name);
    }
    Object.keys(file.answers).forEach(function (id) {
      var level = file.answers[id];
      if (competencies[id] && typeof level === "string" && (level === UNSURE || levels[level])) {
        state.answers[id] = level;
      } else if (level) {
        unknownName(id);
      }
    });
    Object.keys(file.notes || {}).forEach(function (id) {
      var note = file.notes[id];
      if (typeof note !== "string" || !note.trim()) return;
      if (competencies[id]) state.notes[id] = note.slice(0, data.noteLength);
      else unknownName(id);
    });
    var unknownProfile = null;
    if (typeof file.profile === "string" && file.profile) {
      if (profileOf(data, file.profile)) state.profile = file.profile;
      else unknownProfile = typeof file.profileName === "string" && file.profileName ? file.profileName : file.profile;
    }
    return {
      state: state, unknown: unknown, unknownProfile: unknownProfile,
      otherVersion: file.modelVersion !== data.modelVersion ? String(file.modelVersion) : null
    };
  }

  /**
   * The competencies the result shows: all of them; or, for data of more than ``data.wholeModelLimit``
   * competencies (the build writes no such page: a large model gets one per group), those answered or asked.
   */
  function shownCompetencies(data, state) {
    if (data.competencies.length <= data.wholeModelLimit) return data.competencies;
    var profile = profileOf(data, state.profile);
    return data.competencies.filter(function (competency) {
      return state.answers[competency.id] || (profile && profile.expected[competency.id]);
    });
  }

  /** One row of the result per competency shown: the chosen and the expected level, and the difference. */
  function resultRows(data, state) {
    var groups = byId(data.groups);
    var levels = byId(data.levels);
    var profile = profileOf(data, state.profile);
    return shownCompetencies(data, state).map(function (competency) {
      var chosen = state.answers[competency.id] || "";
      var expected = profile ? profile.expected[competency.id] || "" : "";
      var chosenNumber = levelNumber(data, chosen);
      var expectedNumber = levelNumber(data, expected);
      return {
        id: competency.id, name: competency.name, group: competency.group,
        groupName: groups[competency.group] ? groups[competency.group].entry.name : competency.group,
        chosen: chosen, chosenNumber: chosenNumber,
        chosenName: chosen === UNSURE ? data.labels.unsure
          : chosenNumber ? levels[chosen].entry.name : data.labels.not_chosen,
        expected: expected, expectedNumber: expectedNumber,
        expectedName: expectedNumber ? levels[expected].entry.name : data.labels.no_target,
        difference: chosenNumber && expectedNumber ? chosenNumber - expectedNumber : null,
        below: Boolean(expectedNumber && chosenNumber && chosenNumber < expectedNumber)
      };
    });
  }

  /** A difference as the table shows it: +1, 0, −2 (a real minus sign), or "not applicable". */
  function differenceText(data, difference) {
    if (difference === null) return data.labels.no_difference;
    if (difference > 0) return "+" + difference;
    return difference < 0 ? "\u2212" + -difference : "0";
  }

  /** The chart's size in CSS pixels: as wide as its column (up to ``width``), so that its text keeps its size on a phone. */
  var CHART = { width: 560, minWidth: 260, margin: 8, top: 26, groupHeight: 30, nameHeight: 18, barHeight: 14, rowGap: 12 };

  /**
   * Where everything of the chart goes, ``width`` pixels wide: a scale of the levels at the top,
   * then each group's name and its competencies, each a name above a bar as long as the chosen level,
   * with a marker at the expected level. Plain numbers, so that tests can check them.
   */
  function chartLayout(rows, levelCount, width) {
    width = Math.round(Math.min(Math.max(width || CHART.width, CHART.minWidth), CHART.width));
    var left = CHART.margin;
    var step = (width - 2 * CHART.margin) / Math.max(levelCount, 1);
    var scale = [];
    for (var number = 1; number <= levelCount; number += 1) scale.push({ number: number, x: left + number * step });
    var y = CHART.top;
    var groups = [];
    var bars = [];
    var group = null;
    rows.forEach(function (row) {
      if (row.group !== group) {
        group = row.group;
        groups.push({ id: row.group, name: row.groupName, y: y + CHART.groupHeight - 10 });
        y += CHART.groupHeight;
      }
      var barY = y + CHART.nameHeight;
      bars.push({
        id: row.id, group: row.group, name: row.name, nameY: y + CHART.nameHeight - 5, barY: barY,
        barHeight: CHART.barHeight, x: left, width: row.chosenNumber * step, unsure: row.chosen === UNSURE,
        marker: row.expectedNumber ? { x: left + row.expectedNumber * step, y: barY + CHART.barHeight / 2 } : null
      });
      y = barY + CHART.barHeight + CHART.rowGap;
    });
    return { width: width, height: y, left: left, top: CHART.top, step: step, scale: scale, groups: groups,
             bars: bars };
  }

  /** The points of a diamond around (x, y): the expected level's marker, a shape and not only a colour. */
  function diamond(x, y, size) {
    return [[x, y - size], [x + size, y], [x, y + size], [x - size, y]].map(function (point) {
      return point.join(",");
    }).join(" ");
  }

  var logic = {
    UNSURE: UNSURE, STORAGE_KEY: STORAGE_KEY, storageKey: storageKey, format: format, emptyState: emptyState,
    levelNumber: levelNumber, fileDocument: fileDocument, readFile: readFile, resultRows: resultRows,
    shownCompetencies: shownCompetencies, differenceText: differenceText, chartLayout: chartLayout, diamond: diamond
  };

  // --- Wiring -----------------------------------------------------------------------------------

  var SVG = "http://www.w3.org/2000/svg";

  function start(document, window) {
    var dataElement = document.getElementById("cm-self-data");
    var form = document.querySelector(".cm-self__form");
    if (!dataElement || !form) return;
    var data = JSON.parse(dataElement.textContent);
    var labels = data.labels;
    var state = emptyState();
    var tools = document.querySelector(".cm-self__tools");
    var result = document.querySelector(".cm-self__result");
    var status = document.getElementById("cm-self-status");
    var profileSelect = document.getElementById("cm-self-profile");
    var remember = document.getElementById("cm-self-remember");
    var fileInput = document.getElementById("cm-self-load");

    function element(name, className, text) {
      var made = document.createElement(name);
      if (className) made.className = className;
      if (text !== undefined) made.textContent = text;
      return made;
    }

    function svg(name, attributes, text) {
      var made = document.createElementNS(SVG, name);
      Object.keys(attributes).forEach(function (key) { made.setAttribute(key, String(attributes[key])); });
      if (text !== undefined) made.textContent = text;
      return made;
    }

    function fieldset(id) {
      return form.querySelector('fieldset[data-cm-competency="' + id + '"]');
    }

    function say(messages) {
      status.textContent = messages.filter(Boolean).join(" ");
    }

    function longDate(iso) {
      var day = new Date(iso + "T12:00:00");
      if (isNaN(day.getTime())) return iso;
      return new Intl.DateTimeFormat(data.language, { dateStyle: "long" }).format(day);
    }

    function today() {
      var now = new Date();
      return [now.getFullYear(), now.getMonth() + 1, now.getDate()].map(function (part) {
        return String(part).padStart(2, "0");
      }).join("-");
    }

    // The state from the form, and the form from a state (a loaded file, remembered answers).
    function readForm() {
      state = emptyState();
      state.profile = profileSelect ? profileSelect.value : "";
      data.competencies.forEach(function (competency) {
        var field = fieldset(competency.id);
        if (!field) return;
        var checked = field.querySelector("input[type=radio]:checked");
        if (checked) state.answers[competency.id] = checked.value;
        var note = field.querySelector("textarea").value;
        if (note.trim()) state.notes[competency.id] = note;
      });
    }

    function fillForm(next) {
      data.competencies.forEach(function (competency) {
        var field = fieldset(competency.id);
        if (!field) return;
        field.querySelectorAll("input[type=radio]").forEach(function (radio) {
          radio.checked = radio.value === next.answers[competency.id];
        });
        field.querySelector("textarea").value = next.notes[competency.id] || "";
      });
      if (profileSelect) profileSelect.value = next.profile;
      readForm();
    }

    // Remembering: only while the box is ticked; unticking or erasing removes everything.
    function storage() {
      try {
        return window.localStorage;
      } catch (error) {
        return null;
      }
    }

    /** Store the answers if the reader asked for it; false when the browser refuses. */
    function persist() {
      var store = storage();
      if (!remember.checked) return true;
      try {
        store.setItem(storageKey(data), JSON.stringify(fileDocument(data, state, today())));
        return true;
      } catch (error) {
        say([labels.storage_unavailable]);
        return false;
      }
    }

    function forget() {
      var store = storage();
      try {
        if (store) store.removeItem(storageKey(data));
      } catch (error) {
        // Nothing was stored where nothing can be.
      }
    }

    function recall() {
      var store = storage();
      var text = null;
      try {
        text = store ? store.getItem(storageKey(data)) : null;
      } catch (error) {
        text = null;
      }
      if (text === null) return;
      var read = readFile(data, text);
      if (read.error) return;
      remember.checked = true;
      fillForm(read.state);
    }

    // The result: the expected levels in the form, the chart, the table, and what prints.
    function showExpected(rows) {
      var expected = {};
      rows.forEach(function (row) { expected[row.id] = row; });
      var profile = profileOf(data, state.profile);
      data.competencies.forEach(function (competency) {
        var field = fieldset(competency.id);
        if (!field) return;
        var line = field.querySelector(".cm-self__expected");
        var level = profile && profile.expected[competency.id];
        line.hidden = !level;
        line.textContent = level ? format(labels.expected, { level: byId(data.levels)[level].entry.name }) : "";
        field.classList.toggle("cm-self__competency--asked", Boolean(level));
      });
    }

    function drawChart(rows) {
      var figure = document.querySelector(".cm-self__chart");
      var layout = chartLayout(rows, data.levels.length, figure.clientWidth);
      var chart = svg("svg", { viewBox: "0 0 " + layout.width + " " + layout.height, class: "cm-self__svg",
                               "aria-hidden": "true", focusable: "false" });
      layout.scale.forEach(function (tick) {
        chart.appendChild(svg("line", { x1: tick.x, y1: layout.top - 6, x2: tick.x, y2: layout.height - 4,
                                        class: "cm-self__grid" }));
        chart.appendChild(svg("text", { x: tick.x, y: layout.top - 10, "text-anchor": "end",
                                        class: "cm-self__scale" }, String(tick.number)));
      });
      layout.groups.forEach(function (group) {
        chart.appendChild(svg("text", { x: layout.left, y: group.y, class: "cm-self__chart-group",
                                        "data-cm-group": group.id }, group.name));
      });
      layout.bars.forEach(function (bar) {
        var row = svg("g", { "data-cm-group": bar.group });
        row.appendChild(svg("text", { x: bar.x, y: bar.nameY, class: "cm-self__chart-name" }, bar.name));
        row.appendChild(svg("rect", { x: bar.x, y: bar.barY, width: bar.width || 0, height: bar.barHeight,
                                      class: "cm-self__bar" }));
        if (bar.unsure) {
          row.appendChild(svg("text", { x: bar.x + 4, y: bar.barY + bar.barHeight - 2, class: "cm-self__chart-unsure" },
                              "?"));
        }
        if (bar.marker) {
          row.appendChild(svg("polygon", { points: diamond(bar.marker.x, bar.marker.y, 8), class: "cm-self__marker" }));
        }
        chart.appendChild(row);
      });
      var legend = element("p", "cm-self__legend");
      var levelsLine = data.levels.map(function (level, index) { return index + 1 + " " + level.name; }).join(" · ");
      legend.appendChild(element("span", "cm-self__legend-item cm-self__legend-bar", labels.chart_chosen));
      if (state.profile) {
        legend.appendChild(element("span", "cm-self__legend-item cm-self__legend-marker", labels.chart_expected));
      }
      legend.appendChild(element("span", "cm-self__legend-item", "? " + labels.unsure));
      legend.appendChild(element("span", "cm-self__legend-item", levelsLine));
      figure.setAttribute("aria-hidden", "true");
      figure.replaceChildren(chart, legend);
    }

    function fillTable(rows) {
      var body = document.querySelector(".cm-self__table-wrapper tbody");
      body.replaceChildren.apply(body, rows.map(function (row) {
        var line = element("tr");
        var name = element("th", "", row.name);
        name.setAttribute("scope", "row");
        line.appendChild(name);
        [row.groupName, row.chosenName, row.expectedName, differenceText(data, row.difference)].forEach(function (text) {
          line.appendChild(element("td", "", text));
        });
        return line;
      }));
    }

    /** What prints besides the chart and the table: per competency answered, the level's indicators, the note, and ideas where below the profile. */
    function fillReport(rows) {
      var report = document.querySelector(".cm-self__report");
      var parts = [];
      var profile = profileOf(data, state.profile);
      var meta = format(labels.printed, { version: data.modelVersion, date: longDate(data.modelDate),
                                          today: longDate(today()) });
      document.querySelector(".cm-self__meta").textContent =
        meta + (profile ? " " + format(labels.compared, { profile: profile.name }) : "");
      rows.forEach(function (row) {
        var note = state.notes[row.id];
        if (!row.chosen && !note) return;
        var section = element("section", "cm-self__report-entry");
        section.appendChild(element("h3", "", row.name));
        var levelLine = format(labels.field, { name: labels.table_mine, value: row.chosenName });
        if (row.expectedNumber) {
          levelLine += " · " + format(labels.field, { name: labels.table_expected, value: row.expectedName });
        }
        section.appendChild(element("p", "cm-self__report-level", levelLine));
        var indicators = row.chosenNumber && document.getElementById("cm-self-" + row.id + "--" + row.chosen + "-indicators");
        if (indicators) {
          var copy = indicators.cloneNode(true);
          copy.removeAttribute("id");
          section.appendChild(copy);
        }
        if (note) {
          section.appendChild(element("p", "cm-self__report-note",
                                      format(labels.field, { name: labels.note_printed, value: note })));
        }
        var ideas = row.below && fieldset(row.id).querySelector(".cm-self__development");
        if (ideas) {
          section.appendChild(element("h4", "", labels.development));
          var copied = ideas.cloneNode(true);
          copied.hidden = false;
          section.appendChild(copied);
        }
        parts.push(section);
      });
      report.replaceChildren.apply(report, parts);
    }

    function update() {
      readForm();
      var rows = resultRows(data, state);
      showExpected(rows);
      drawChart(rows);
      fillTable(rows);
      fillReport(rows);
    }

    function changed() {
      update();
      persist();
    }

    // Saving: a small JSON file made in the page (a Blob URL), never sent anywhere.
    function save() {
      var saved = today();
      var blob = new window.Blob([JSON.stringify(fileDocument(data, state, saved), null, 2) + "\n"],
                                 { type: "application/json" });
      var address = window.URL.createObjectURL(blob);
      var link = element("a");
      link.href = address;
      link.download = "self-assessment-" + saved + ".json";
      link.hidden = true;
      document.body.appendChild(link);
      link.click();
      link.remove();
      window.setTimeout(function () { window.URL.revokeObjectURL(address); }, 1000);
    }

    function load(file) {
      file.text().then(function (text) {
        var read = readFile(data, text);
        if (read.error) {
          say([format(labels.not_a_file, { file: file.name })]);
          return;
        }
        fillForm(read.state);
        changed();
        say([
          format(labels.loaded, { file: file.name }),
          read.otherVersion ? format(labels.other_version, { file: file.name, file_version: read.otherVersion,
                                                              version: data.modelVersion }) : "",
          // On a large model's part, what a file holds of another group is not in this page either.
          read.unknown.length ? format(data.part ? labels.unknown_part : labels.unknown,
                                       { names: read.unknown.join(", ") }) : "",
          read.unknownProfile ? format(data.part ? labels.unknown_profile_part : labels.unknown_profile,
                                       { profile: read.unknownProfile }) : ""
        ]);
      }, function () {
        say([format(labels.not_a_file, { file: file.name })]);
      });
    }

    form.addEventListener("change", changed);
    form.addEventListener("input", function (event) {
      if (event.target.tagName === "TEXTAREA") changed();
    });
    if (profileSelect) profileSelect.addEventListener("change", changed);
    remember.addEventListener("change", function () {
      if (remember.checked) {
        if (persist()) say([labels.remembered]);
      } else {
        forget();
        say([labels.erased]);
      }
    });
    document.getElementById("cm-self-erase").addEventListener("click", function () {
      forget();
      remember.checked = false;
      say([labels.erased]);
    });
    document.getElementById("cm-self-save").addEventListener("click", save);
    fileInput.addEventListener("change", function () {
      if (fileInput.files && fileInput.files[0]) load(fileInput.files[0]);
      fileInput.value = "";
    });
    document.getElementById("cm-self-print").addEventListener("click", function () { window.print(); });

    var drawnWidth = 0;
    window.addEventListener("resize", function () {
      var width = document.querySelector(".cm-self__chart").clientWidth;
      if (Math.abs(width - drawnWidth) > 20) {
        drawnWidth = width;
        update();
      }
    });

    recall();
    // With the script, the page prints the result only (self-assessment.css); without it, the checklist.
    document.documentElement.classList.add("cm-self-ready");
    document.querySelector(".cm-self__nojs").hidden = true;
    tools.hidden = false;
    result.hidden = false;
    // Drawn once the result shows, so that the chart takes its column's width.
    drawnWidth = document.querySelector(".cm-self__chart").clientWidth;
    update();
  }

  if (typeof module !== "undefined" && module.exports) {
    module.exports = logic;
  } else if (root.document) {
    start(root.document, root);
  }
})(this);
