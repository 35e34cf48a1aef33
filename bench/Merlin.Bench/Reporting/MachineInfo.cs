using System.Globalization;

namespace Merlin.Bench.Reporting;

/// <summary>The machine the run happened on; shared machines are noisy, so the load average is part of the record.</summary>
public sealed record MachineInfo(string Cpu, int Cores, double MemoryGb, string LoadAverage, string Os)
{
    public static MachineInfo Read()
    {
        var cpu = ReadOr("/proc/cpuinfo", "")
            .Split('\n')
            .FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?
            .Split(':', 2)[1].Trim() ?? "unknown CPU";
        var memKb = ReadOr("/proc/meminfo", "")
            .Split('\n')
            .FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal))?
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1] ?? "0";
        return new MachineInfo(
            cpu,
            Environment.ProcessorCount,
            double.Parse(memKb, CultureInfo.InvariantCulture) / 1024 / 1024,
            CurrentLoadAverage(),
            System.Runtime.InteropServices.RuntimeInformation.OSDescription);
    }

    public static string CurrentLoadAverage() => string.Join(' ', ReadOr("/proc/loadavg", "? ? ?").Split(' ').Take(3));

    private static string ReadOr(string path, string fallback)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (IOException)
        {
            return fallback;
        }
    }
}
