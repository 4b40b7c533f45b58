using System.Collections.Concurrent;
using System.Reflection;
using MessagePack;
using MessagePack.Formatters;

namespace LiveClass.Contracts.Serialization;

/// <summary>
/// Writes the contract records as MessagePack maps keyed by camelCase property names, the same
/// names the JSON protocol uses, and reads them back through their constructors. MessagePack's
/// own contractless resolver would use the PascalCase .NET names instead.
/// </summary>
public sealed class CamelCaseContractResolver : IFormatterResolver
{
    public static readonly CamelCaseContractResolver Instance = new();

    private static readonly Assembly ContractAssembly = typeof(ClassEvent).Assembly;
    private readonly ConcurrentDictionary<Type, object?> _formatters = new();

    private CamelCaseContractResolver()
    {
    }

    public IMessagePackFormatter<T>? GetFormatter<T>() =>
        (IMessagePackFormatter<T>?)_formatters.GetOrAdd(typeof(T), static type =>
            type.Assembly == ContractAssembly && type.IsClass && !type.IsAbstract
                ? Activator.CreateInstance(typeof(CamelCaseObjectFormatter<>).MakeGenericType(type))
                : null);
}
