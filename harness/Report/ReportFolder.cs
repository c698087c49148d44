namespace NotifyContract.Harness.Report;

/// <summary>
/// The <c>--report</c> folder: checked before a run (so hours of requests never end in "cannot write"), and written
/// whole or not at all: the files go into a fresh folder beside it, which is then renamed into place. A reader, or a
/// second run writing into the same folder, sees one run's complete report, never a mix or a half-written file.
/// </summary>
public static class ReportFolder
{
    /// <summary>A folder holding this file is a report (ours to replace); any other non-empty folder is refused.</summary>
    const string Marker = "report.json";

    /// <summary>Before the run: not a file, not a folder of other things, and a folder can be made where it will be
    /// (tried in the nearest folder that exists, so a check leaves nothing behind).</summary>
    public static void Check(string directory)
    {
        var (full, parent, name) = Parts(directory);
        Guard(directory, () =>
        {
            if (File.Exists(full)) throw new IOException("it is a file");
            if (Directory.Exists(full) && Directory.EnumerateFileSystemEntries(full).Any()
                && !File.Exists(Path.Combine(full, Marker)))
                throw new IOException("the folder holds files that are not a report; give a new or empty folder");
            var existing = parent;
            while (!Directory.Exists(existing))
            {
                if (File.Exists(existing)) throw new IOException($"{existing} is a file");
                existing = Path.GetDirectoryName(existing) ?? throw new IOException("no folder of the path exists");
            }
            Directory.Delete(
                Directory.CreateDirectory(Path.Combine(existing, $".{name}.check-{Guid.NewGuid():N}")).FullName);
        });
    }

    /// <summary>Lets <paramref name="write"/> fill a fresh folder, then puts it in place of <paramref name="directory"/>.</summary>
    public static void Write(string directory, Action<string> write)
    {
        Check(directory);
        var (full, parent, name) = Parts(directory);
        var fresh = Path.Combine(parent, $".{name}.new-{Guid.NewGuid():N}");
        Guard(directory, () =>
        {
            try
            {
                Directory.CreateDirectory(parent);
                write(Directory.CreateDirectory(fresh).FullName);
                Replace(full, fresh, parent, name);
            }
            finally
            {
                if (Directory.Exists(fresh)) Directory.Delete(fresh, recursive: true);
            }
        });
    }

    /// <summary>Renames <paramref name="fresh"/> to <paramref name="full"/>, moving an older report out of the way
    /// first; another run doing the same at once only makes this try again.</summary>
    static void Replace(string full, string fresh, string parent, string name)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                Directory.Move(fresh, full);
                return;
            }
            catch (IOException) when (attempt < 100 && Directory.Exists(full))
            {
                var old = Path.Combine(parent, $".{name}.old-{Guid.NewGuid():N}");
                try
                {
                    Directory.Move(full, old);
                    Directory.Delete(old, recursive: true);
                }
                catch (Exception e) when (e is IOException
                    or UnauthorizedAccessException) { } // another run moved it first
            }
        }
    }

    static (string Full, string Parent, string Name) Parts(string directory)
    {
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory));
        return (full, Path.GetDirectoryName(full)
            ?? throw new HarnessException($"--report {directory}: give a folder, not the root"),
            Path.GetFileName(full));
    }

    static void Guard(string directory, Action act)
    {
        try
        {
            act();
        }
        catch (Exception e) when (HarnessException.IsPathError(e))
        {
            throw new HarnessException($"cannot write the report to {directory}: {e.Message.Split('\n')[0]}");
        }
    }
}
