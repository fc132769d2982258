package cn.beian.verify.process.staff;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.impl.AbstractQuery;
import org.camunda.bpm.engine.impl.TaskQueryImpl;

/**
 * Finds an expression anywhere in a query: the query itself and every or-query, at any depth. Camunda's own validators
 * (AdhocQueryValidator, StoredQueryValidator) look at the top-level query only, while TaskQueryImpl evaluates the
 * expressions of its or-queries too, so an expression nested in {@code orQueries} runs as JUEL with full access to
 * the JVM. Only task queries take expressions in 7.24; any other query is checked at its top level.
 */
final class QueryExpressions {
  private QueryExpressions() {}

  /** the query method an expression was given for (e.g. {@code taskCandidateGroup}), if there is one */
  static Optional<String> find(Object query) {
    return find(query, Collections.newSetFromMap(new IdentityHashMap<>()));
  }

  // or-queries share the list of their parent (queries.get(0) is the parent itself): remember what was seen
  private static Optional<String> find(Object query, Set<Object> seen) {
    if (!(query instanceof AbstractQuery<?, ?> abstractQuery) || !seen.add(query)) {
      return Optional.empty();
    }
    if (abstractQuery.getExpressions() != null && !abstractQuery.getExpressions().isEmpty()) {
      return Optional.of(abstractQuery.getExpressions().keySet().iterator().next());
    }
    if (query instanceof TaskQueryImpl taskQuery && taskQuery.getQueries() != null) {
      for (TaskQueryImpl orQuery : taskQuery.getQueries()) {
        Optional<String> found = find(orQuery, seen);
        if (found.isPresent()) {
          return found;
        }
      }
    }
    return Optional.empty();
  }
}
