/* Charts of the composite index page (ECharts). Every chart built from synthetic inputs carries
   the 模拟数据 mark in its corner. The words come from the page (data.texts), in the
   reader's language. */
(function () {
  "use strict";
  const source = document.getElementById("index-charts");
  if (!source || typeof echarts === "undefined") { return; }
  const data = JSON.parse(source.textContent);
  const mark = data.synthetic ? [{
    type: "text", right: 8, top: 4, z: 100,
    style: { text: data.label, fill: "#7a5a00", backgroundColor: "#fff3cd", padding: [2, 6], fontSize: 12 }
  }] : [];
  const charts = [];

  function draw(id, option) {
    const el = document.getElementById(id);
    if (!el) { return; }
    const chart = echarts.init(el);
    option.graphic = mark;
    option.animation = false;
    chart.setOption(option);
    charts.push(chart);
  }

  const words = data.texts;
  const t = data.trend;
  const trendSeries = [{ name: words.index, type: "line", data: t.scores, symbolSize: 8,
    label: { show: true, formatter: (p) => p.value[1] === null ? "" : p.value[1].toFixed(1) } }];
  if (t.path.length) {
    trendSeries.push({ name: words.path, type: "line", data: t.path,
      lineStyle: { type: "dashed", color: "#d9363e" }, itemStyle: { color: "#d9363e" }, symbol: "circle" });
  }
  if (t.target !== null) {
    trendSeries[0].markLine = { silent: true, symbol: "none", lineStyle: { color: "#2e9d4a" },
      label: { formatter: words.target, position: "insideEndTop" }, data: [{ yAxis: t.target }] };
  }
  if (t.reported !== null) {
    trendSeries[0].markLine = trendSeries[0].markLine || { silent: true, symbol: "none", data: [] };
    trendSeries[0].markLine.data.push({ yAxis: t.reported, lineStyle: { color: "#a0a7b0", type: "dotted" },
      label: { formatter: words.reported, position: "insideStartTop" } });
  }
  const years = t.years.concat(t.target_year ? [t.target_year] : []);
  draw("chart-trend", {
    tooltip: { trigger: "axis" }, legend: { top: 0, left: 0 }, grid: { left: 40, right: 20, top: 40, bottom: 30 },
    xAxis: { type: "value", min: Math.min.apply(null, years), max: Math.max.apply(null, years), interval: 1,
      axisLabel: { formatter: (v) => String(v) } },
    yAxis: { type: "value", min: (v) => Math.floor(Math.min(v.min, 40) / 10) * 10, max: (v) => Math.max(70, Math.ceil(v.max / 10) * 10) },
    series: trendSeries
  });

  const g = data.gap;
  draw("chart-gap", {
    tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
    legend: { top: 0, left: 0 }, grid: { left: 10, right: 50, top: 40, bottom: 20, containLabel: true },
    xAxis: [{ type: "value", name: words.points, nameLocation: "middle", nameGap: 24 }],
    yAxis: { type: "category", inverse: true, data: g.names,
      axisLabel: { width: 190, overflow: "truncate" } },
    series: [
      { name: words.gain, type: "bar", data: g.gains, itemStyle: { color: "#2f7fd1" },
        label: { show: true, position: "right", formatter: (p) => p.value === null ? "" : "+" + p.value.toFixed(2) } }
    ]
  });

  draw("chart-bar", {
    tooltip: { trigger: "axis" }, grid: { left: 40, right: 20, top: 20, bottom: 60 },
    xAxis: { type: "category", data: data.regions, axisLabel: { rotate: 35, interval: 0 } },
    yAxis: { type: "value", max: 100 },
    series: [{ type: "bar", data: data.scores, itemStyle: { color: "#1f4e79" },
      label: { show: true, position: "top", formatter: (p) => p.value.toFixed(1) } }]
  });

  draw("chart-radar", {
    tooltip: {}, legend: { type: "scroll", bottom: 0 },
    radar: { indicator: data.blocks.map((name) => ({ name: name, max: 100 })), radius: "60%" },
    series: [{ type: "radar", data: data.radar.slice(0, 4), areaStyle: { opacity: 0.08 } }]
  });

  const b = data.bands;
  if (b.regions.length) {
    draw("chart-bands", {
      tooltip: { trigger: "item" }, legend: { top: 0, left: 0 }, grid: { left: 40, right: 20, top: 56, bottom: 60 },
      xAxis: { type: "category", data: b.regions, axisLabel: { rotate: 35, interval: 0 } },
      yAxis: { type: "value", name: words.rank, nameLocation: "start", inverse: true, min: 1, max: b.regions.length, interval: 1 },
      series: [
        { name: words.band, type: "boxplot", data: b.box, itemStyle: { color: "#cfe0f5", borderColor: "#1f4e79" } },
        { name: words.nominal, type: "scatter", data: b.nominal, itemStyle: { color: "#d9363e" }, symbolSize: 9 }
      ]
    });
  }

  const s = data.sobol;
  if (s.factors.length) {
    draw("chart-sobol", {
      tooltip: { trigger: "axis" }, legend: { top: 0, left: 0 }, grid: { left: 10, right: 20, top: 40, bottom: 20, containLabel: true },
      xAxis: { type: "category", data: s.factors },
      yAxis: { type: "value", min: (v) => Math.min(0, Math.floor(v.min * 10) / 10), max: 1 },
      series: [
        { name: words.first_order, type: "bar", data: s.first, itemStyle: { color: "#2f7fd1" } },
        { name: words.total, type: "bar", data: s.total, itemStyle: { color: "#e6b800" } }
      ]
    });
  }

  // COINr's plot family, built as ECharts options by the engine (jiazhou.index.plots)
  Object.entries(data.options || {}).forEach(([id, option]) => draw(id, option));

  window.addEventListener("resize", () => charts.forEach((c) => c.resize()));
})();
