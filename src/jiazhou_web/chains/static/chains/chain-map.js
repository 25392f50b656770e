/* The chain diagram: draws the server-built ECharts option of each element with
   data-chain-map="<json_script id>"; clicking a segment opens its page (node.url). */
(function () {
  document.querySelectorAll("[data-chain-map]").forEach(function (el) {
    var source = document.getElementById(el.dataset.chainMap);
    if (!source || typeof echarts === "undefined") { return; }
    var chart = echarts.init(el);
    chart.setOption(JSON.parse(source.textContent));
    chart.on("click", function (params) {
      if (params.dataType === "node" && params.data && params.data.url) {
        window.location.href = params.data.url;
      }
    });
    window.addEventListener("resize", function () { chart.resize(); });
  });
})();
