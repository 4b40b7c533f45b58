using LiveClass.Domain;
using LiveClass.Grains;
using Microsoft.Extensions.Options;

namespace LiveClass.Server.Hosting;

/// <summary>A silo's subscriptions must outlive the period it renews them in, or every class would drop it between renewals.</summary>
public sealed class RealtimeOptionsValidation : IValidateOptions<RealtimeOptions>
{
    private const string Section = ClassLimits.SectionName;

    public ValidateOptionsResult Validate(string? name, RealtimeOptions options) =>
        options.BridgeSubscriptionLifetime <= options.BridgeRenewalPeriod
            ? ValidateOptionsResult.Fail(
                $"{Section}:BridgeSubscriptionLifetime ({options.BridgeSubscriptionLifetime}) must be longer than {Section}:BridgeRenewalPeriod ({options.BridgeRenewalPeriod}).")
            : ValidateOptionsResult.Success;
}
