using LiveClass.Domain;
using Microsoft.Extensions.Options;

namespace LiveClass.Server.Hosting;

/// <summary>The class limits' rules that span more than one key; each key's own range is on <see cref="ClassLimits"/>.</summary>
public sealed class ClassLimitsValidation : IValidateOptions<ClassLimits>
{
    public ValidateOptionsResult Validate(string? name, ClassLimits options) =>
        options.TempoMin > options.TempoMax
            ? ValidateOptionsResult.Fail(
                $"{ClassLimits.SectionName}:TempoMin ({options.TempoMin}) must not be above {ClassLimits.SectionName}:TempoMax ({options.TempoMax}).")
            : ValidateOptionsResult.Success;
}
