using System.Globalization;
using System.Net;
using System.Text;
using CsKpi.Warehouse;

namespace CsKpi.Web;

/// <summary>
/// The placeholder home page until the dashboard arrives: it says what CsKpi is and shows what the site can
/// honestly read today, the warehouse it owns.
/// </summary>
public static class HomePage
{
    public static void MapHomePage(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/", (WarehouseDatabase warehouse) =>
            Results.Content(Render(warehouse.ReadFacts()), "text/html; charset=utf-8"));

    public static string Render(WarehouseFacts facts)
    {
        var tables = new StringBuilder();
        foreach (var table in facts.Tables)
        {
            tables.Append(CultureInfo.InvariantCulture,
                $"<tr><td>{E(table.Schema)}</td><td>{E(table.Name)}</td><td class=\"n\">{table.EstimatedRows:N0}</td></tr>\n");
        }

        return $$"""
            <!DOCTYPE html>
            <html lang="zh-CN">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>CsKpi 客服绩效数据仓库</title>
            <style>
              body { font-family: system-ui, "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; max-width: 56rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.6; color: #222; }
              h1 { margin-bottom: 0; } .en { color: #666; }
              table { border-collapse: collapse; } td, th { border-bottom: 1px solid #ddd; padding: .25rem .75rem; text-align: left; }
              td.n { text-align: right; } code { background: #f4f4f4; padding: 0 .25rem; }
            </style>
            </head>
            <body>
            <h1>CsKpi 客服绩效数据仓库</h1>
            <p class="en">CsKpi — a data warehouse for e-commerce customer-service teams</p>

            <p>CsKpi 读取聊天记录、订单、客服花名册和培训记录，计算客服主管关心的绩效指标，为客服排名、打分，
            跟踪培训，并支持半年度晋升评审。</p>
            <p class="en">CsKpi loads chat logs, orders, rosters and training records, computes the performance numbers
            customer-service managers live by, ranks and scores agents, tracks their training and drives half-yearly promotions.</p>

            <p>总览、客服、排名、绩效、报表等页面将随后续工作上线；目前本页只显示站点所管理的数据仓库的实际情况。</p>
            <p class="en">The site's pages (dashboard, agents, rankings, scorecards, reports, …) arrive with later work.
            For now this page shows only facts read from the warehouse the site owns.</p>

            <h2>数据仓库 <span class="en">Warehouse</span></h2>
            <table>
            <tr><th>文件 <span class="en">File</span></th><td><code id="warehouse-path">{{E(facts.Path)}}</code></td></tr>
            <tr><th>架构版本 <span class="en">Schema version</span></th><td id="schema-version">{{facts.SchemaVersion}}</td></tr>
            <tr><th>DuckDB 版本 <span class="en">DuckDB version</span></th><td>{{E(facts.DuckDbVersion)}}</td></tr>
            <tr><th>模式 <span class="en">Schemas</span></th><td>{{E(string.Join(", ", facts.Schemas))}}</td></tr>
            </table>

            <h2>表 <span class="en">Tables</span></h2>
            <table>
            <tr><th>模式 <span class="en">Schema</span></th><th>表 <span class="en">Table</span></th><th>行数（估计） <span class="en">Rows (estimate)</span></th></tr>
            {{tables}}</table>
            </body>
            </html>
            """;
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
