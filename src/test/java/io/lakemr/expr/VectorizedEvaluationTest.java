package io.lakemr.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.lakemr.data.Column;
import io.lakemr.data.ColumnType;
import io.lakemr.data.Schemas;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import org.apache.hadoop.hive.ql.exec.vector.ColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;
import org.junit.jupiter.api.Test;

/**
 * Random expressions over random batches (nulls, repeating vectors, existing selections) give,
 * for every selected row, what a plain per-row interpreter gives; filters narrow the selection to
 * exactly the rows where the condition is true; derived columns are appended.
 */
class VectorizedEvaluationTest {

  static final List<Column> COLUMNS = List.of(new Column("a", ColumnType.LONG), new Column("i", ColumnType.INT),
      new Column("x", ColumnType.DOUBLE), new Column("s", ColumnType.STRING), new Column("ts", ColumnType.TIMESTAMP),
      new Column("b", ColumnType.BOOLEAN));
  static final String[] STRINGS = {"", "a", "ab", "B", " pad ", "Héllo", "日本", "z\u0000", "12", " -3 ", "4.7", "1e3",
      "NaN", "x y"};
  static final int CAPACITY = 1024;

  private final SplittableRandom random = new SplittableRandom(20260101);
  private final ExpressionGenerator gen = new ExpressionGenerator(random);

  /** A random batch; returns its rows as maps (index = row number). */
  private List<Map<String, Object>> fill(VectorizedRowBatch batch) {
    int n = random.nextInt(10) == 0 ? random.nextInt(3) : 1 + random.nextInt(CAPACITY);
    batch.reset();
    batch.size = n;
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int r = 0; r < n; r++) {
      rows.add(new HashMap<>());
    }
    for (int c = 0; c < COLUMNS.size(); c++) {
      Column col = COLUMNS.get(c);
      ColumnVector v = batch.cols[c];
      int nullPercent = random.nextInt(3) == 0 ? 0 : random.nextInt(60);
      boolean repeating = random.nextInt(5) == 0;
      for (int r = 0; r < (repeating ? 1 : n); r++) {
        Object value = random.nextInt(100) < nullPercent ? null : value(col.type());
        Rows.set(v, r, value);
      }
      v.isRepeating = repeating;
      for (int r = 0; r < n; r++) {
        rows.get(r).put(col.name(), Rows.get(v, col.type(), repeating ? 0 : r));
      }
    }
    if (random.nextBoolean() && n > 0) {
      int m = 0;
      for (int r = 0; r < n; r++) {
        if (random.nextInt(3) > 0) {
          batch.selected[m++] = r;
        }
      }
      batch.size = m;
      batch.selectedInUse = true;
    }
    return rows;
  }

  private Object value(ColumnType t) {
    switch (t) {
      case LONG:
        return random.nextInt(8) == 0 ? (long) random.nextInt(-3, 3) : random.nextLong(-1000, 1000);
      case INT:
        return random.nextInt(-20, 20);
      case DOUBLE:
        switch (random.nextInt(12)) {
          case 0:
            return Double.NaN;
          case 1:
            return -0.0;
          case 2:
            return 0.5 * random.nextInt(-6, 6);
          default:
            return random.nextDouble(-100, 100);
        }
      case STRING:
        return STRINGS[random.nextInt(STRINGS.length)];
      case TIMESTAMP:
        return random.nextBoolean() ? random.nextLong(-200_000_000_000L, 4_000_000_000_000L)
            : 3_600_000L * random.nextInt(-50, 50) + random.nextInt(-1, 2);
      default:
        return random.nextBoolean();
    }
  }

  private static boolean same(Object expected, Object actual) {
    if (expected instanceof Double e && actual instanceof Double a) {
      return Double.compare(e, a) == 0 || (e == 0.0 && a == 0.0);
    }
    return Objects.equals(expected, actual);
  }

  private static int[] current(VectorizedRowBatch b) {
    int[] rows = new int[b.size];
    for (int j = 0; j < b.size; j++) {
      rows[j] = b.selectedInUse ? b.selected[j] : j;
    }
    return rows;
  }

  @Test
  void everySelectedRowMatchesThePerRowInterpreter() {
    ReferenceEvaluator reference = new ReferenceEvaluator(COLUMNS);
    VectorizedRowBatch batch = Schemas.newBatch(COLUMNS, CAPACITY);
    int checked = 0;
    for (int e = 0; e < 1500; e++) {
      char kind = "LDSB".charAt(e % 4);
      String text = gen.expression(kind, 4);
      Expression parsed = Expression.parse("--test", text, COLUMNS, Map.of());
      VectorExpr compiled = parsed.compile(COLUMNS);
      for (int t = 0; t < 4; t++) {
        List<Map<String, Object>> rows = fill(batch);
        ColumnVector out = compiled.evaluate(batch);
        for (int i : current(batch)) {
          Object expected = reference.eval(parsed.root(), rows.get(i)).value();
          Object actual = Rows.get(out, compiled.type(), i);
          if (!same(expected, actual)) {
            fail(text + " at row " + rows.get(i) + ": expected " + expected + " but vectorized gave " + actual);
          }
          checked++;
        }
        // inputs are left as they were
        assertTrue(batch.cols.length == COLUMNS.size());
      }
    }
    assertTrue(checked > 500_000, "checked " + checked);
  }

  @Test
  void filtersNarrowTheSelectionAndDerivedColumnsAreAppended() {
    ReferenceEvaluator reference = new ReferenceEvaluator(COLUMNS);
    VectorizedRowBatch batch = Schemas.newBatch(COLUMNS, CAPACITY);
    int kept = 0;
    int dropped = 0;
    for (int e = 0; e < 400; e++) {
      String d1 = gen.expression('L', 3);
      String d2 = "d1 * 2 + " + gen.expression('L', 2);
      String where = gen.expression('B', 3) + (e % 2 == 0 ? " AND d2 > 0" : " AND " + gen.expression('B', 2));
      BatchTransform transform = BatchTransform.create(COLUMNS, where,
          List.of(Derivation.parse("d1=" + d1), Derivation.parse("d2=" + d2)));
      List<Column> out = transform.outputColumns();
      assertEquals(COLUMNS.size() + 2, out.size());
      Node whereNode = Parser.parse(where);
      Node d1Node = Parser.parse(d1);
      Node d2Node = Parser.parse(d2);
      ReferenceEvaluator withDerived = new ReferenceEvaluator(out);
      for (int t = 0; t < 4; t++) {
        List<Map<String, Object>> rows = fill(batch);
        int[] before = current(batch);
        VectorizedRowBatch result = transform.apply(batch);
        assertTrue(result == batch, "in place");
        assertEquals(out.size(), batch.cols.length);
        List<Integer> expected = new ArrayList<>();
        for (int i : before) {
          Map<String, Object> row = rows.get(i);
          row.put("d1", reference.eval(d1Node, row).value());
          row.put("d2", withDerived.eval(d2Node, row).value());
          if (Boolean.TRUE.equals(withDerived.eval(whereNode, row).value())) {
            expected.add(i);
          }
        }
        List<Integer> actual = new ArrayList<>();
        for (int i : current(batch)) {
          actual.add(i);
        }
        assertEquals(expected, actual, where + " with d1=" + d1 + ", d2=" + d2);
        kept += actual.size();
        dropped += before.length - actual.size();
        for (int i : current(batch)) {
          assertTrue(same(rows.get(i).get("d1"), Rows.get(batch.cols[COLUMNS.size()], out.get(COLUMNS.size()).type(), i)),
              "d1=" + d1);
          assertTrue(same(rows.get(i).get("d2"),
              Rows.get(batch.cols[COLUMNS.size() + 1], out.get(COLUMNS.size() + 1).type(), i)), "d2=" + d2);
        }
      }
    }
    assertTrue(kept > 10_000 && dropped > 10_000, kept + " kept, " + dropped + " dropped");
  }
}
