using Merlin.Core.Templating.Syntax;
using Parlot.Fluent;

namespace Merlin.Core.Templating.Jq;

/// <summary>Parser for the jq subset Merlin supports (paths, pipes, comma, operators, constructors, if, builtins).</summary>
internal static class JqGrammar
{
    private static readonly HashSet<string> Keywords = ["and", "or", "if", "then", "elif", "else", "end", "not_a_keyword"];
    public static readonly Parser<JqNode> Filter;

    static JqGrammar()
    {
        var pipe = Deferred<JqNode>();
        var alternative = Deferred<JqNode>();
        var identifier = Terms.Identifier().Then(static s => s.ToString());
        var name = identifier.When(static (_, s) => !Keywords.Contains(s));
        var str = Terms.String(StringLiteralQuotes.Double).Then(static s => s.ToString());
        var number = Terms.Number<double>(NumberOptions.AllowDecimalSeparator | NumberOptions.AllowExponent).Then<JqNode>(static d => new JqLiteral(d == Math.Floor(d) && Math.Abs(d) < 1e15 ? (long)d : d));

        var bracket = Terms.Char('[').SkipAnd(OneOf(
                Terms.Char(']').Then<Func<JqNode, JqNode>>(static _ => t => new JqIterate(t)),
                ZeroOrOne(pipe).AndSkip(Terms.Char(':')).And(ZeroOrOne(pipe)).AndSkip(Terms.Char(']'))
                    .Then<Func<JqNode, JqNode>>(static p => t => new JqSlice(t, p.Item1.Count > 0 ? p.Item1[0] : null, p.Item2.Count > 0 ? p.Item2[0] : null)),
                pipe.AndSkip(Terms.Char(']')).Then<Func<JqNode, JqNode>>(static i => t => new JqIndex(t, i))));
        var fieldSuffix = OneOf(identifier, str).Then<Func<JqNode, JqNode>>(static n => t => new JqField(t, n));
        var suffix = OneOf(
            Terms.Char('.').WhenNotFollowedBy(Literals.Char('.')).SkipAnd(OneOf(fieldSuffix, bracket)),
            bracket,
            Terms.Char('?').Then<Func<JqNode, JqNode>>(static _ => t => new JqTry(t)));

        var recurse = Terms.Text("..").Then<JqNode>(static _ => new JqRecurse());
        var dot = Terms.Char('.').SkipAnd(ZeroOrOne(OneOf(fieldSuffix, bracket)))
            .Then<JqNode>(static s => s.Count > 0 ? s[0](new JqIdentity()) : new JqIdentity());
        var literal = OneOf(
            Terms.Keyword("true").Then<JqNode>(static _ => new JqLiteral(true)),
            Terms.Keyword("false").Then<JqNode>(static _ => new JqLiteral(false)),
            Terms.Keyword("null").Then<JqNode>(static _ => new JqLiteral(null)),
            str.Then<JqNode>(static s => new JqLiteral(s)),
            number);
        var parenthesised = Between(Terms.Char('('), pipe, Terms.Char(')'));
        var array = Between(Terms.Char('['), ZeroOrOne(pipe), Terms.Char(']')).Then<JqNode>(static b => new JqArray(b.Count > 0 ? b[0] : null));
        var objectKey = OneOf(
            name.Then<JqNode>(static n => new JqLiteral(n)),
            str.Then<JqNode>(static s => new JqLiteral(s)),
            parenthesised);
        var entry = objectKey.And(ZeroOrOne(Terms.Char(':').SkipAnd(alternative)))
            .Then(static e => (e.Item1, e.Item2.Count > 0 ? e.Item2[0] : null));
        var obj = Between(Terms.Char('{'), ZeroOrOne(Separated(Terms.Char(','), entry)), Terms.Char('}'))
            .Then<JqNode>(static e => new JqObject(e.Count > 0 ? e[0] : []));
        var elif = Deferred<JqNode>();
        var ifTail = OneOf(
            Terms.Keyword("elif").SkipAnd(elif),
            Terms.Keyword("else").SkipAnd(pipe).AndSkip(Terms.Keyword("end")),
            Terms.Keyword("end").Then<JqNode>(static _ => new JqIdentity()));
        elif.Parser = new StackGuard<JqNode>(pipe.AndSkip(Terms.Keyword("then")).And(pipe).And(ifTail).Then<JqNode>(static t => new JqIf(t.Item1, t.Item2, t.Item3)));
        var conditional = Terms.Keyword("if").SkipAnd(elif);
        var call = name.And(ZeroOrOne(Between(Terms.Char('('), Separated(Terms.Char(';'), pipe), Terms.Char(')'))))
            .Then<JqNode>(static c => new JqCall(c.Item1, c.Item2.Count > 0 ? c.Item2[0] : []));

        var term = OneOf(recurse, dot, literal, parenthesised, array, obj, conditional, call);
        var postfix = term.And(ZeroOrMany(suffix)).Then(static t => t.Item2.Aggregate(t.Item1, static (acc, f) => f(acc)));
        var unary = OneOf(Terms.Char('-').SkipAnd(postfix).Then<JqNode>(static n => new JqNegate(n)), postfix);

        static (Parser<string>, Func<JqNode, JqNode, JqNode>) Op(string op) => (Terms.Text(op), (a, b) => new JqBinary(op, a, b));
        var multiplicative = Parsers.LeftAssociative(unary, Op("*"), (Terms.Text("/").WhenNotFollowedBy(Literals.Char('/')), static (a, b) => new JqBinary("/", a, b)), Op("%"));
        var additive = Parsers.LeftAssociative(multiplicative, Op("+"), Op("-"));
        var comparison = Parsers.LeftAssociative(additive, Op("=="), Op("!="), Op("<="), Op(">="), Op("<"), Op(">"));
        var and = Parsers.LeftAssociative(comparison, (Terms.Keyword("and"), static (a, b) => new JqBinary("and", a, b)));
        var or = Parsers.LeftAssociative(and, (Terms.Keyword("or"), static (a, b) => new JqBinary("or", a, b)));
        alternative.Parser = new StackGuard<JqNode>(Parsers.LeftAssociative(or, Op("//")));
        var comma = Parsers.LeftAssociative(alternative, (Terms.Char(','), static (a, b) => new JqComma(a, b)));
        pipe.Parser = new StackGuard<JqNode>(Parsers.LeftAssociative(comma, (Terms.Char('|'), static (a, b) => new JqPipe(a, b))));
        Filter = pipe.Eof();
    }
}
