namespace CsKpi.Jobs.Tests.Support;

/// <summary>
/// A folder this process cannot create files in. Normally a folder made read-only (0555); but root writes through
/// permission bits, so as root (containers, CI) it is /sys, where even root creates no files.
/// </summary>
public static class ReadOnlyFolder
{
    public static string Make(string root)
    {
        var folder = Path.Combine(root, "read-only");
        Directory.CreateDirectory(folder);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.GroupRead
                | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        }

        if (!CanCreateFileIn(folder))
        {
            return folder;
        }

        // Root: the permission bits did not stop the write. sysfs refuses new files to everyone.
        Assert.True(Directory.Exists("/sys") && !CanCreateFileIn("/sys"),
            "running as root, and /sys accepts files here: no read-only folder to test with");
        return "/sys";
    }

    public static void Restore(string root)
    {
        var folder = Path.Combine(root, "read-only");
        if (Directory.Exists(folder) && !OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    private static bool CanCreateFileIn(string folder)
    {
        try
        {
            using (new FileStream(Path.Combine(folder, ".probe-" + Guid.NewGuid().ToString("N")), FileMode.CreateNew,
                FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose))
            {
            }

            return true;
        }
        catch (Exception error) when (error is UnauthorizedAccessException or IOException)
        {
            return false;
        }
    }
}
