using System.Diagnostics;
using Merlin.Core.Limits;

namespace Merlin.Core.Templating;

/// <summary>
/// What the templates of one task run (or one engine decision) may still spend: evaluation steps, time, nested
/// <c>render()</c> calls; and how to stop them (kill, timeout). Checked inside loops, so a runaway template ends
/// with a message naming the limit instead of holding a thread or growing the process. Not thread-safe: one
/// render at a time, as a task renders.
/// </summary>
public sealed class RenderBudget
{
    /// <summary>Steps between two looks at the clock and the cancellation token.</summary>
    private const int CheckEvery = 1024;

    private readonly long _maxSteps;
    private readonly string _stepsSetting;
    private readonly long _started = Stopwatch.GetTimestamp();
    private long _steps;
    private long _nextCheck = CheckEvery;
    private int _renderDepth;

    public RenderBudget(LimitOptions limits, long maxSteps, string stepsSetting, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(limits);
        Limits = limits;
        _maxSteps = maxSteps;
        _stepsSetting = stepsSetting;
        CancellationToken = cancellationToken;
    }

    public LimitOptions Limits { get; }

    public CancellationToken CancellationToken { get; }

    /// <summary>Called once when the steps pass <see cref="HeavyAfter"/>; may throw to move the work elsewhere.</summary>
    public Action? OnHeavy { get; set; }

    public long HeavyAfter { get; set; } = long.MaxValue;

    public long Steps => _steps;

    /// <summary>Spends <paramref name="count"/> steps; throws once the budget, the time or the token says stop.</summary>
    public void Spend(long count = 1)
    {
        _steps += count;
        if (_steps > _maxSteps)
        {
            throw LimitExceededException.For($"the template took more than {_maxSteps} evaluation steps", _maxSteps, _stepsSetting);
        }

        if (_steps > HeavyAfter && OnHeavy is { } heavy)
        {
            OnHeavy = null;
            heavy();
        }

        if (_steps >= _nextCheck)
        {
            _nextCheck = _steps + CheckEvery;
            CancellationToken.ThrowIfCancellationRequested();
            if (Stopwatch.GetElapsedTime(_started) > Limits.TemplateMaxDuration)
            {
                throw LimitExceededException.For($"the templates ran longer than {Limits.TemplateMaxDuration}", Limits.TemplateMaxDuration, nameof(LimitOptions.TemplateMaxDuration));
            }
        }
    }

    /// <summary>Fails when a text a template builds is longer than allowed.</summary>
    public void CheckLength(long length)
    {
        if (length > Limits.TemplateMaxOutputLength)
        {
            throw LimitExceededException.For($"the template produced more than {Limits.TemplateMaxOutputLength} characters", Limits.TemplateMaxOutputLength, nameof(LimitOptions.TemplateMaxOutputLength));
        }
    }

    /// <summary>Enters a nested <c>render()</c>; pair with <see cref="LeaveRender"/> in a <c>finally</c>.</summary>
    public void EnterRender()
    {
        if (_renderDepth >= Limits.TemplateMaxRenderDepth)
        {
            throw LimitExceededException.For($"render() is nested more than {Limits.TemplateMaxRenderDepth} levels deep", Limits.TemplateMaxRenderDepth, nameof(LimitOptions.TemplateMaxRenderDepth));
        }

        _renderDepth++;
    }

    public void LeaveRender() => _renderDepth--;
}
