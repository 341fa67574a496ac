// HuRen console: draws every [data-chart] element with ECharts (the option comes from the server as JSON) and sends
// the CSRF token with htmx requests. No other script: pages are rendered on the server.
(function () {
  function drawCharts(root) {
    root.querySelectorAll('[data-chart]').forEach(function (element) {
      if (echarts.getInstanceByDom(element)) {
        return;
      }
      var chart = echarts.init(element, null, {renderer: 'svg'});
      chart.setOption(JSON.parse(element.getAttribute('data-chart')));
      element.setAttribute('data-chart-drawn', 'true');
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    drawCharts(document);
  });
  document.addEventListener('htmx:afterSwap', function (event) {
    drawCharts(event.target);
  });
  document.addEventListener('htmx:configRequest', function (event) {
    var token = document.querySelector('meta[name="_csrf"]');
    var header = document.querySelector('meta[name="_csrf_header"]');
    if (token && header && token.content) {
      event.detail.headers[header.content] = token.content;
    }
  });
  document.addEventListener('click', function (event) {
    if (event.target.closest('[data-print]')) {
      window.print();
    }
  });
  window.addEventListener('resize', function () {
    document.querySelectorAll('[data-chart-drawn]').forEach(function (element) {
      var chart = echarts.getInstanceByDom(element);
      if (chart) {
        chart.resize();
      }
    });
  });
  window.addEventListener('beforeprint', function () {
    document.querySelectorAll('[data-chart-drawn]').forEach(function (element) {
      echarts.getInstanceByDom(element).resize();
    });
  });
})();
