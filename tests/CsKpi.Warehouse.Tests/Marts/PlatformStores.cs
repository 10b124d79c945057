using Dapper;

namespace CsKpi.Warehouse.Tests.Marts;

/// <summary>Stores on a platform for the platform service metrics' fixtures, set the way an admin sets them.</summary>
public static class PlatformStores
{
    /// <summary>
    /// Puts a store on a platform (app.store) before its files load: set by an admin, so the contract layout's
    /// platform (other) does not replace it.
    /// </summary>
    public static void OnPlatform(this MartBed bed, string store, string platform)
    {
        using var connection = bed.Warehouse.OpenConnection();
        connection.Execute(
            """
            insert into app.store (store_id, display_name, platform, platform_set_by) values ($store, $store, $platform, 'admin')
            on conflict (store_id) do update set platform = excluded.platform, platform_set_by = 'admin'
            """,
            new { store, platform });
    }
}
