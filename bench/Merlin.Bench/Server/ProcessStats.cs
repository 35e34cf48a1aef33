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

        // Field 2 (comm) may hold spaces; utime and stime are fields 14 and 15, counted after its closing parenthesis.
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return new ProcessStats(rss, hwm, ticks / TicksPerSecond.Value, threads);
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
