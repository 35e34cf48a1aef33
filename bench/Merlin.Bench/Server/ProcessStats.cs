using System.Globalization;

namespace Merlin.Bench.Server;

/// <summary>A process's memory and CPU use as Linux reports them in <c>/proc/&lt;pid&gt;/status</c> and <c>/proc/&lt;pid&gt;/stat</c>.</summary>
public sealed record ProcessStats(double RssMb, double PeakRssMb, double CpuSeconds, int Threads)
{
    private static readonly Lazy<double> TicksPerSecond = new(ReadTicksPerSecond);

    public static ProcessStats Read(int pid)
    {
        var status = File.ReadAllLines($"/proc/{pid}/status");
        var rss = KiloBytes(status, "VmRSS:") / 1024.0;
        var hwm = KiloBytes(status, "VmHWM:") / 1024.0;
        var threads = (int)KiloBytes(status, "Threads:");

        return new ProcessStats(rss, hwm, CpuSecondsOf(pid) ?? 0, threads);
    }

    /// <summary>Several processes as one: memory and threads added up, CPU added up, peak RSS the largest.</summary>
    public static ProcessStats Sum(IEnumerable<ProcessStats> all) => all.Aggregate(
        new ProcessStats(0, 0, 0, 0),
        (a, b) => new ProcessStats(a.RssMb + b.RssMb, Math.Max(a.PeakRssMb, b.PeakRssMb), a.CpuSeconds + b.CpuSeconds, a.Threads + b.Threads));

    /// <summary>utime + stime of a process, or null when it is gone.</summary>
    public static double? CpuSecondsOf(int pid)
    {
        var fields = StatFields(pid);
        return fields is null
            ? null
            : (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond.Value;
    }

    /// <summary>utime + stime + cutime + cstime: with the children it has reaped (PostgreSQL's ended backends).</summary>
    public static double? CpuSecondsWithReapedChildren(int pid)
    {
        var fields = StatFields(pid);
        return fields?.Skip(11).Take(4).Sum(f => long.Parse(f, CultureInfo.InvariantCulture)) / TicksPerSecond.Value;
    }

    /// <summary>The parent process id, or null when the process is gone.</summary>
    public static int? ParentOf(int pid) => StatFields(pid) is { } fields ? int.Parse(fields[1], CultureInfo.InvariantCulture) : null;

    // Field 2 (comm) may hold spaces; the fields after its closing parenthesis start at field 3 (state), so utime and
    // stime (14, 15) are at 11 and 12 and the parent id (4) at 1.
    private static string[]? StatFields(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static double KiloBytes(string[] lines, string key)
    {
        var line = lines.FirstOrDefault(l => l.StartsWith(key, StringComparison.Ordinal));
        return line is null ? 0 : double.Parse(line[key.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
    }

    private static double ReadTicksPerSecond()
    {
        try
        {
            var info = new System.Diagnostics.ProcessStartInfo("getconf", ["CLK_TCK"]) { RedirectStandardOutput = true };
            using var getconf = System.Diagnostics.Process.Start(info);
            var text = getconf?.StandardOutput.ReadToEnd().Trim();
            getconf?.WaitForExit();
            return double.TryParse(text, CultureInfo.InvariantCulture, out var hz) && hz > 0 ? hz : 100;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return 100; // USER_HZ on every mainstream Linux
        }
    }
}
