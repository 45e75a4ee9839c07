namespace IntelGraph.Cypher.Syntax;

/// <summary>Variable binding rules for MATCH, CREATE and MERGE patterns.</summary>
internal sealed partial class SemanticAnalyzer
{
    private enum PatternUse
    {
        Match,
        Create,
        Merge,
    }

    private void CheckPatterns(IReadOnlyList<PatternPart> patterns, PatternUse use, SourcePosition position)
    {
        var boundHere = new HashSet<string>(StringComparer.Ordinal);
        var relationshipsHere = new HashSet<string>(StringComparer.Ordinal);
        foreach (var pattern in patterns)
        {
            if (pattern.PathVariable is not null && (_scope.ContainsKey(pattern.PathVariable) || boundHere.Contains(pattern.PathVariable)))
            {
                throw Error("VariableAlreadyBound", $"The path variable '{pattern.PathVariable}' is already bound.", position);
            }

            for (var i = 0; i < pattern.Nodes.Count; i++)
            {
                CheckNode(pattern, pattern.Nodes[i], use, boundHere);
                if (i < pattern.Relationships.Count)
                {
                    CheckRelationship(pattern, pattern.Relationships[i], use, boundHere, relationshipsHere);
                }
            }

            if (pattern.PathVariable is not null)
            {
                _scope[pattern.PathVariable] = VariableKind.Path;
                boundHere.Add(pattern.PathVariable);
            }
        }
    }

    private void CheckNode(PatternPart pattern, NodePattern node, PatternUse use, HashSet<string> boundHere)
    {
        CheckPropertyParameter(node.Properties, use, node.Position);
        if (node.Variable is not null && node.Variable == pattern.PathVariable)
        {
            throw Error("VariableAlreadyBound", $"'{node.Variable}' cannot name both the path and one of its nodes.", node.Position);
        }

        if (node.Properties is not null)
        {
            CheckExpression(node.Properties, aggregatesAllowed: false);
        }

        if (node.Variable is null)
        {
            return;
        }

        if (_scope.TryGetValue(node.Variable, out var kind))
        {
            if (kind is not (VariableKind.Node or VariableKind.Any))
            {
                throw Error("VariableTypeConflict", $"The variable '{node.Variable}' is a {kind}, so it cannot be used as a node.", node.Position);
            }

            var alreadyBoundBefore = !boundHere.Contains(node.Variable);
            if (use != PatternUse.Match && (node.Labels.Count > 0 || node.Properties is not null))
            {
                throw Error("VariableAlreadyBound", $"The node '{node.Variable}' is already bound, so CREATE and MERGE cannot add labels or properties to it.", node.Position);
            }

            if (use != PatternUse.Match && alreadyBoundBefore && pattern.Nodes.Count == 1)
            {
                throw Error("VariableAlreadyBound", $"The node '{node.Variable}' already exists, so CREATE and MERGE cannot create it.", node.Position);
            }

            return;
        }

        _scope[node.Variable] = VariableKind.Node;
        boundHere.Add(node.Variable);
    }

    // MATCH and MERGE compare properties one by one, so they need a map literal. Only CREATE accepts a parameter map.
    private static void CheckPropertyParameter(Expression? properties, PatternUse use, SourcePosition position)
    {
        if (use != PatternUse.Create && properties is ParameterExpression)
        {
            throw Error("InvalidParameterUse", "A parameter cannot replace the property map of a MATCH or MERGE pattern. Write a map literal instead.", position);
        }
    }

    private void CheckRelationship(PatternPart pattern, RelationshipPattern relationship, PatternUse use, HashSet<string> boundHere, HashSet<string> relationshipsHere)
    {
        CheckPropertyParameter(relationship.Properties, use, relationship.Position);
        if (relationship.Variable is not null && relationship.Variable == pattern.PathVariable)
        {
            throw Error("VariableAlreadyBound", $"'{relationship.Variable}' cannot name both the path and one of its relationships.", relationship.Position);
        }

        if (use != PatternUse.Match && relationship.Variable is not null && _scope.ContainsKey(relationship.Variable))
        {
            throw Error("VariableAlreadyBound", $"The relationship '{relationship.Variable}' is already bound, so CREATE and MERGE cannot create it.", relationship.Position);
        }

        if (relationship.Properties is not null)
        {
            CheckExpression(relationship.Properties, aggregatesAllowed: false);
        }

        if (use != PatternUse.Match)
        {
            if (relationship.Types.Count != 1)
            {
                throw Error("NoSingleRelationshipType", "CREATE and MERGE need exactly one relationship type.", relationship.Position);
            }

            if (relationship.IsVariableLength)
            {
                throw Error("CreatingVarLength", "CREATE and MERGE cannot create a variable-length relationship.", relationship.Position);
            }

            if (use == PatternUse.Create && relationship.Direction == RelationshipDirection.Either)
            {
                throw Error("RequiresDirectedRelationship", "CREATE needs a relationship with one direction.", relationship.Position);
            }
        }

        if (relationship.Variable is null)
        {
            return;
        }

        var expected = relationship.IsVariableLength ? VariableKind.RelationshipList : VariableKind.Relationship;
        if (_scope.TryGetValue(relationship.Variable, out var kind))
        {
            var listAllowed = relationship.IsVariableLength && kind == VariableKind.List;
            if (kind is not (VariableKind.Relationship or VariableKind.RelationshipList or VariableKind.Any) && !listAllowed)
            {
                throw Error("VariableTypeConflict", $"The variable '{relationship.Variable}' is a {kind}, so it cannot be used as a relationship.", relationship.Position);
            }

            if (relationshipsHere.Contains(relationship.Variable))
            {
                throw Error("RelationshipUniquenessViolation", $"The relationship '{relationship.Variable}' appears twice in one pattern.", relationship.Position);
            }

            if (use != PatternUse.Match)
            {
                throw Error("VariableAlreadyBound", $"The relationship '{relationship.Variable}' already exists, so CREATE and MERGE cannot create it.", relationship.Position);
            }

            relationshipsHere.Add(relationship.Variable);
            return;
        }

        _scope[relationship.Variable] = expected;
        boundHere.Add(relationship.Variable);
        relationshipsHere.Add(relationship.Variable);
    }
}
