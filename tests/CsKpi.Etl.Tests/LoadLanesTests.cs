using System.Text;
using CsKpi.Etl.Tests.Support;
using CsKpi.Warehouse;

namespace CsKpi.Etl.Tests;

/// <summary>
/// An ingest loads each kind of fact in its own lane, the lanes side by side (LoadLanes): the outcome is the one of
/// loading the files one after another, whichever lane commits first.
/// </summary>
public sealed class LoadLanesTests
{
    private static Encoding Gb18030
    {
        get
        {
            Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
            return Encoding.GetEncoding(54936);
        }
    }

    /// <summary>Files of three kinds that all name a store the warehouse has never seen; a Taobao export says its platform.</summary>
    private static void DropNewStoreDay(EtlTestBed bed)
    {
        bed.Drop("ExportOrderList202603091200.csv", "orders_taobao_2026-03.csv", Gb18030);
        bed.Write("chats_2026-03.csv", """
            message_id,store_id,buyer_id,agent_id,sender,sent_at,content
            m1,朵朵云旗舰店,小李,cs:1,buyer,2026-03-08 12:58:00,在吗
            m2,朵朵云旗舰店,小李,cs:1,agent,2026-03-08 12:58:30,在的
            """);
        bed.Write("ratings_2026-03.csv", """
            store_id,buyer_id,agent_id,rated_at,score
            朵朵云旗舰店,小李,cs:1,2026-03-08 13:10:00,5
            """);
    }

    [Fact]
    public void A_new_store_named_by_three_kinds_loading_side_by_side_gets_one_row_with_its_platform()
    {
        // Side by side, the three transactions each insert the new store; which commits first varies from run to run,
        // so several runs give the lanes several chances to collide.
        for (var run = 0; run < 6; run++)
        {
            using var bed = new EtlTestBed();
            DropNewStoreDay(bed);

            var reports = bed.Ingest();

            Assert.All(reports, r => Assert.Equal(FileOutcome.Loaded, r.Outcome));
            Assert.Equal(["chats_2026-03.csv", "orders_taobao_2026-03.csv", "ratings_2026-03.csv"], reports.Select(r => r.File));
            Assert.Equal(1L, bed.Scalar<long>("select count(*) from app.store where store_id = '朵朵云旗舰店'"));
            Assert.Equal("taobao", bed.Scalar<string>("select platform from app.store where store_id = '朵朵云旗舰店'"));
            Assert.Equal((2L, 6L, 1L), (bed.Scalar<long>("select count(*) from raw.chat_message"),
                bed.Scalar<long>("select count(*) from raw.order_state"), bed.Scalar<long>("select count(*) from raw.rating")));
        }
    }
}
