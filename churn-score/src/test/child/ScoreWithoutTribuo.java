import java.nio.file.Path;
import java.time.LocalDate;
import org.churnrisk.score.ChurnModel;
import org.churnrisk.score.ScoredAccount;

/**
 * Run by churn-score's TribuoFreeTest in a JVM whose class path is churn-score's runtime class
 * path and nothing else, in source-file mode ({@code java -cp ... ScoreWithoutTribuo.java}):
 * loads each bundle named on the command line, scores the book as of the date, and prints the
 * three riskiest accounts of each; then checks that no Tribuo or XGBoost class can be loaded.
 *
 * <p>Arguments: {@code <book> <as-of> <bundle>...}
 */
public class ScoreWithoutTribuo {
    public static void main(String[] args) throws Exception {
        Path book = Path.of(args[0]);
        LocalDate asOf = LocalDate.parse(args[1]);
        for (int i = 2; i < args.length; i++) {
            ChurnModel churn = ChurnModel.load(Path.of(args[i]));
            for (ScoredAccount a : churn.score(book, asOf).ranked().subList(0, 3)) {
                System.out.println(line(churn, a));
            }
        }
        for (String name : new String[] {"org.tribuo.Model", "ml.dmlc.xgboost4j.java.Booster"}) {
            try {
                Class.forName(name);
                System.out.println("loaded " + name);
                System.exit(1);
            } catch (ClassNotFoundException expected) {
                System.out.println("absent " + name);
            }
        }
    }

    /** One account as the test compares it with the same scoring in its own JVM. */
    static String line(ChurnModel churn, ScoredAccount a) {
        return churn.scorer().algorithm() + " " + a.accountId() + " " + Double.toHexString(a.probability()) + " "
                + a.drivers().get(0).phrase() + " / " + a.play();
    }
}
