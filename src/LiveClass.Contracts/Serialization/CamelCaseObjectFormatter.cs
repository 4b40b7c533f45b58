using System.Reflection;
using System.Text;
using MessagePack;
using MessagePack.Formatters;

namespace LiveClass.Contracts.Serialization;

/// <summary>A map formatter for one record type: camelCase keys, values through the resolver chain.</summary>
public sealed class CamelCaseObjectFormatter<T> : IMessagePackFormatter<T?> where T : class
{
    private readonly MemberAccessor<T>[] _members;
    private readonly Dictionary<string, int> _memberIndex;
    private readonly ConstructorInfo _constructor;
    private readonly int[] _argumentSlots;
    private readonly object?[] _defaults;

    public CamelCaseObjectFormatter()
    {
        _members = typeof(T)
            .GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetMethod is not null && p.GetIndexParameters().Length == 0 && p.Name != "EqualityContract")
            .Select(p => (MemberAccessor<T>)Activator.CreateInstance(
                typeof(MemberAccessor<,>).MakeGenericType(typeof(T), p.PropertyType), p)!)
            .ToArray();
        _memberIndex = _members.Select((m, i) => (m.Name, i)).ToDictionary(x => x.Name, x => x.i, StringComparer.Ordinal);

        // Records are built through their widest public constructor; each parameter takes the member of the same name.
        _constructor = typeof(T).GetConstructors().OrderByDescending(c => c.GetParameters().Length).First();
        var parameters = _constructor.GetParameters();
        _argumentSlots = _members.Select(m => Array.FindIndex(parameters, p => string.Equals(p.Name, m.Name, StringComparison.OrdinalIgnoreCase))).ToArray();
        _defaults = parameters
            .Select(p => p.HasDefaultValue ? p.DefaultValue : p.ParameterType.IsValueType ? Activator.CreateInstance(p.ParameterType) : null)
            .ToArray();
    }

    public void Serialize(ref MessagePackWriter writer, T? value, MessagePackSerializerOptions options)
    {
        if (value is null)
        {
            writer.WriteNil();
            return;
        }

        writer.WriteMapHeader(_members.Length);
        foreach (var member in _members)
        {
            writer.WriteRaw(member.EncodedName);
            member.Write(ref writer, value, options);
        }
    }

    public T? Deserialize(ref MessagePackReader reader, MessagePackSerializerOptions options)
    {
        if (reader.TryReadNil())
        {
            return null;
        }

        options.Security.DepthStep(ref reader);
        try
        {
            var arguments = (object?[])_defaults.Clone();
            var count = reader.ReadMapHeader();
            for (var i = 0; i < count; i++)
            {
                var key = reader.ReadString();
                if (key is not null && _memberIndex.TryGetValue(key, out var index) && _argumentSlots[index] >= 0)
                {
                    arguments[_argumentSlots[index]] = _members[index].Read(ref reader, options);
                }
                else
                {
                    reader.Skip();
                }
            }

            return (T)_constructor.Invoke(arguments);
        }
        finally
        {
            reader.Depth--;
        }
    }
}

/// <summary>Reads and writes one property without boxing on the write path.</summary>
public abstract class MemberAccessor<T>(PropertyInfo property)
{
    public string Name { get; } = char.ToLowerInvariant(property.Name[0]) + property.Name[1..];

    public byte[] EncodedName { get; } = EncodeName(property.Name);

    public abstract void Write(ref MessagePackWriter writer, T owner, MessagePackSerializerOptions options);

    public abstract object? Read(ref MessagePackReader reader, MessagePackSerializerOptions options);

    private static byte[] EncodeName(string name)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        var writer = new MessagePackWriter(buffer);
        writer.WriteString(Encoding.UTF8.GetBytes(char.ToLowerInvariant(name[0]) + name[1..]));
        writer.Flush();
        return buffer.WrittenSpan.ToArray();
    }
}

public sealed class MemberAccessor<T, TValue>(PropertyInfo property) : MemberAccessor<T>(property)
{
    private readonly Func<T, TValue> _get = property.GetMethod!.CreateDelegate<Func<T, TValue>>();

    // The value's formatter, kept with the resolver it came from: every event is written once per
    // server, member by member, and a lookup in the resolver's cache for each member adds up.
    private ResolvedFormatter? _resolved;

    public override void Write(ref MessagePackWriter writer, T owner, MessagePackSerializerOptions options) =>
        FormatterFrom(options.Resolver).Serialize(ref writer, _get(owner), options);

    public override object? Read(ref MessagePackReader reader, MessagePackSerializerOptions options) =>
        FormatterFrom(options.Resolver).Deserialize(ref reader, options);

    private IMessagePackFormatter<TValue> FormatterFrom(IFormatterResolver resolver)
    {
        var resolved = Volatile.Read(ref _resolved);
        if (resolved is null || !ReferenceEquals(resolved.Resolver, resolver))
        {
            resolved = new ResolvedFormatter(resolver, resolver.GetFormatterWithVerify<TValue>());
            Volatile.Write(ref _resolved, resolved);
        }

        return resolved.Formatter;
    }

    private sealed record ResolvedFormatter(IFormatterResolver Resolver, IMessagePackFormatter<TValue> Formatter);
}
