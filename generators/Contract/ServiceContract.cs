using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using NotifyContract.Model;
using ModelMember = NotifyContract.Model.Member;
using ModelOperation = NotifyContract.Model.Operation;

namespace NotifyContract.Generators.Contract;

/// <summary>
/// The contract the cases are generated from: every operation of a <see cref="ServiceModel"/> as the generators see
/// it (<see cref="Operation"/>, <see cref="Member"/> trees with rule paths), and its <see cref="Version"/>. The default
/// is the embedded model (<see cref="ModelFiles.Embedded"/>); <c>--model FILE</c> gives another.
/// </summary>
public sealed class ServiceContract
{
    public ServiceModel Model { get; }
    public IReadOnlyList<Operation> Operations { get; }

    /// <summary><c>model-</c> and 12 hex digits of SHA-256 over every operation's members, constraints and errors: a
    /// snapshot names it, so one taken under another model is refused instead of compared case by case.</summary>
    public string Version { get; }

    public string TargetPrefix => Model.TargetPrefix;
    public string ContentType => Model.ContentType;

    public static ServiceContract Default => embedded.Value;

    static readonly Lazy<ServiceContract> embedded = new(() => From(ModelFiles.Embedded));

    ServiceContract(ServiceModel model, IReadOnlyList<Operation> operations)
    {
        Model = model;
        Operations = operations;
        Version = VersionOf(operations);
    }

    /// <summary>The contract of a model; a pattern outside the syntax the generators read is a
    /// <see cref="ModelException"/> naming its shape.</summary>
    public static ServiceContract From(ServiceModel model)
    {
        var patterns = new ConcurrentDictionary<string, ContractPattern>();
        ContractPattern Read(string regex, string shape)
        {
            try { return patterns.GetOrAdd(regex, r => new ContractPattern(r)); }
            catch (NotSupportedException e)
            {
                throw new ModelException($"model {model.Files[0].Name}: shape {shape}: {e.Message}");
            }
        }

        Member Of(ModelMember m, string path)
        {
            var s = m.Target;
            Member Child(ModelMember? c, string name) => c is null ? null! : Of(c, $"{path}.{name}");
            return new Member(path, m.Name, TypeOf(s), m.Required,
                (int?)s.MinLength, (int?)s.MaxLength,
                s.Pattern is { } p ? new(Read(p.Page, s.Name), Read(p.Model, s.Name)) : null,
                s.Enum,
                s.Kind == ShapeKind.Structure ? [.. s.Members.Select(c => Of(c, $"{path}.{c.Name}"))] : null,
                s.Item is null ? null : Child(s.Item, "member"))
            {
                MinValue = s.Min,
                MaxValue = s.Max,
                IdempotencyToken = m.IdempotencyToken,
                Key = s.Key is null ? null : Child(s.Key, "key"),
                Value = s.Value is null ? null : Child(s.Value, "value"),
                Shape = s.Name,
            };
        }

        Operation OperationOf(ModelOperation op) =>
            new(op.Name, ServiceCatalog.Tag(op.Name), [.. op.Input.Members.Select(m => Of(m, m.Name))])
            {
                Errors = op.Errors,
                Output = op.Output,
                Target = $"{model.TargetPrefix}.{op.Name}",
                ContentType = model.ContentType,
            };

        return new(model, [.. model.Operations.Select(OperationOf)]);
    }

    static MemberType TypeOf(Shape s) => s.Kind switch
    {
        ShapeKind.String => MemberType.String,
        ShapeKind.Integer or ShapeKind.Long => MemberType.Integer,
        ShapeKind.Boolean => MemberType.Boolean,
        ShapeKind.Timestamp => MemberType.Timestamp,
        ShapeKind.Structure => MemberType.Structure,
        ShapeKind.List => MemberType.List,
        ShapeKind.Map => MemberType.Map,
        _ => throw new ArgumentOutOfRangeException(nameof(s), s.Kind, null),
    };

    public Operation? Find(string name) => Operations.FirstOrDefault(o => o.Name == name);

    public Operation Get(string name) =>
        Find(name) ?? throw new ArgumentException($"unknown operation '{name}'", nameof(name));

    /// <summary>The <c>X-Amz-Target</c> header's value for an operation.</summary>
    public string Target(string operation) => $"{TargetPrefix}.{operation}";

    static string VersionOf(IEnumerable<Operation> operations)
    {
        var text = new StringBuilder();
        foreach (var op in operations)
        {
            text.Append("op ").Append(op.Name).Append(' ').Append(op.Tag).Append(" errors=")
                .AppendJoin('|', op.Errors).Append('\n');
            foreach (var m in op.AllMembers())
                text.Append($"  {m.Path} {m.Type} required={m.Required} min={m.MinLength} max={m.MaxLength}")
                    .Append($" page={m.Pattern?.Page.Regex} model={m.Pattern?.Model.Regex}")
                    .Append($" enum={string.Join('|', m.Enum ?? [])} range={m.MinValue}..{m.MaxValue}")
                    .Append($" token={m.IdempotencyToken}\n");
        }
        return "model-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..12];
    }
}
