using System.Reflection;
using Merlin.Runtime.Executor;
using Merlin.Runtime.Worker;
using Merlin.Server.Hosting;
using SchedulerLoop = Merlin.Runtime.Scheduler.Scheduler;

namespace Merlin.Server.Tests.Hosting;

/// <summary>
/// The web server talks to the other components through contracts: no endpoint (anything in <c>Merlin.Server.Api</c>)
/// takes, holds, resolves or calls the <see cref="Executor"/>, the scheduler loop or the <see cref="TaskWorker"/>.
/// </summary>
public sealed class EndpointDependencyGuardTests
{
    private static readonly Type[] Components = [typeof(Executor), typeof(SchedulerLoop), typeof(TaskWorker)];

    [Fact]
    public void No_endpoint_uses_the_executor_the_scheduler_or_the_worker()
    {
        var endpoints = typeof(MerlinApp).Assembly.GetTypes()
            .Where(t => t.Namespace is { } ns && (ns == "Merlin.Server.Api" || ns.StartsWith("Merlin.Server.Api.", StringComparison.Ordinal)))
            .ToList();
        Assert.Contains(endpoints, t => t.Name == "ExecutionEndpoints"); // the scan sees the endpoints

        var uses = endpoints.SelectMany(Uses).ToList();

        Assert.True(uses.Count == 0, "Endpoints must go through Merlin.Runtime's execution services and messaging:\n" + string.Join('\n', uses));
    }

    [Fact]
    public void The_guard_sees_a_handler_parameter_a_captured_field_and_a_resolved_service()
    {
        var uses = Uses(typeof(Planted)).Concat(typeof(Planted).GetNestedTypes(BindingFlags.NonPublic).SelectMany(Uses)).ToList();

        Assert.Contains(uses, u => u.Contains("Handle", StringComparison.Ordinal) && u.Contains(nameof(Executor), StringComparison.Ordinal));
        Assert.Contains(uses, u => u.Contains("field", StringComparison.Ordinal) && u.Contains(nameof(TaskWorker), StringComparison.Ordinal));
        Assert.Contains(uses, u => u.Contains("Resolve", StringComparison.Ordinal) && u.Contains("Scheduler", StringComparison.Ordinal));
    }

    /// <summary>Where a type mentions a component: parameters, fields, locals, and the members its code calls or names.</summary>
    private static IEnumerable<string> Uses(Type type)
    {
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        foreach (var field in type.GetFields(all).Where(f => Mentions(f.FieldType)))
        {
            yield return $"{type.FullName}: field {field.Name} of type {field.FieldType.Name}";
        }

        foreach (var method in type.GetMethods(all).Cast<MethodBase>().Concat(type.GetConstructors(all)))
        {
            foreach (var parameter in method.GetParameters().Where(p => Mentions(p.ParameterType)))
            {
                yield return $"{type.FullName}.{method.Name}: parameter {parameter.Name} of type {parameter.ParameterType.Name}";
            }

            var body = method.GetMethodBody();
            if (body is null)
            {
                continue;
            }

            foreach (var local in body.LocalVariables.Where(l => Mentions(l.LocalType)))
            {
                yield return $"{type.FullName}.{method.Name}: local of type {local.LocalType.Name}";
            }

            foreach (var member in CalledMembers(method, body).Where(Mentions))
            {
                yield return $"{type.FullName}.{method.Name}: uses {(member is Type named ? named.Name : $"{member.DeclaringType?.Name}.{member.Name}")}";
            }
        }
    }

    /// <summary>
    /// The members named by the method's call, newobj, ldtoken and ldftn instructions. The IL is not decoded opcode by
    /// opcode: every byte that could start one is tried, and only tokens that resolve count.
    /// </summary>
    private static IEnumerable<MemberInfo> CalledMembers(MethodBase method, MethodBody body)
    {
        var il = body.GetILAsByteArray() ?? [];
        var typeArguments = method.DeclaringType?.IsGenericType == true ? method.DeclaringType.GetGenericArguments() : null;
        var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
        for (var i = 0; i + 4 < il.Length; i++)
        {
            var opcode = il[i];
            var isTwoByte = opcode == 0xFE && il[i + 1] is 0x06 or 0x07; // ldftn, ldvirtftn
            if (opcode is not (0x28 or 0x6F or 0x73 or 0xD0) && !isTwoByte)
            {
                continue;
            }

            var at = isTwoByte ? i + 2 : i + 1;
            if (at + 4 > il.Length)
            {
                continue;
            }

            MemberInfo? member = null;
            try
            {
                member = method.Module.ResolveMember(BitConverter.ToInt32(il, at), typeArguments, methodArguments);
            }
            catch (Exception e) when (e is ArgumentException or BadImageFormatException or MissingMemberException or TypeLoadException)
            {
            }

            if (member is not null)
            {
                yield return member;
            }
        }
    }

    private static bool Mentions(MemberInfo member) => member switch
    {
        Type type => Mentions(type),
        MethodInfo method => Mentions(method.DeclaringType) || Mentions(method.ReturnType)
            || (method.IsGenericMethod && method.GetGenericArguments().Any(Mentions)) || method.GetParameters().Any(p => Mentions(p.ParameterType)),
        ConstructorInfo constructor => Mentions(constructor.DeclaringType),
        FieldInfo field => Mentions(field.DeclaringType) || Mentions(field.FieldType),
        _ => false,
    };

    private static bool Mentions(Type? type) =>
        type is not null && (Components.Contains(type)
            || (type.HasElementType && Mentions(type.GetElementType()))
            || (type.IsGenericType && !type.IsGenericTypeDefinition && type.GetGenericArguments().Any(Mentions)));

    /// <summary>What the guard must catch, planted here since no endpoint may hold it.</summary>
    private static class Planted
    {
        public static string Handle(Executor executor) => executor.GetType().Name;

        public static object? Resolve(IServiceProvider services) => services.GetService(typeof(SchedulerLoop));

        private sealed class Holder(TaskWorker worker)
        {
            public override string ToString() => worker.GetType().Name;
        }
    }
}
