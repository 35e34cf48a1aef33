namespace Merlin.Sdk.Tasks;

/// <summary>A task or trigger type with its own save-time rules (e.g. Switch needs cases or defaults, Schedule a valid cron).</summary>
public interface IValidatableTask
{
    IEnumerable<string> Validate();
}
