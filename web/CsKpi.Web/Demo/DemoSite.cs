#if DEMO
namespace CsKpi.Web.Demo;

/// <summary>
/// The site's side of the first-start demo (the loader is web/CsKpi.Web.Demo, built into Debug builds only): the
/// load's stage on the pages, and the demo sign-ins once the roster is in.
/// </summary>
internal sealed class DemoSite(DemoDataStatus status, DemoUsers users) : IDemoSite
{
    public void Reached(DemoStage stage, string? error = null)
    {
        status.Current = stage switch
        {
            DemoStage.Loading => DemoDataStatus.State.Loading,
            DemoStage.Completing => DemoDataStatus.State.Completing,
            DemoStage.Ready => DemoDataStatus.State.Ready,
            _ => DemoDataStatus.State.Failed,
        };
        if (error is not null)
        {
            status.Error = error;
        }
    }

    public void CreateDemoUsers() => users.Create();
}
#endif
