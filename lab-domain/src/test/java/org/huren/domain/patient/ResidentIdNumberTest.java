package org.huren.domain.patient;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** GB 11643-1999 identity numbers: the check character of ISO 7064 MOD 11-2, and the shape around it. */
class ResidentIdNumberTest {

    @ParameterizedTest(name = "{0} is valid")
    @CsvSource({
            // the example of GB 11643-1999 itself: the check value 10 is written X
            "11010519491231002X",
            "11010519491231002x",
            "440308199003071235",
            "110101199003071233",
            "320106198512015674",
            "310115198001010016",
            // a leap day exists in 2000
            "110101200002290018"
    })
    void accepts(String number) {
        assertThat(ResidentIdNumber.isValid(number)).isTrue();
    }

    @ParameterizedTest(name = "{0} is refused: {1}")
    @CsvSource({
            "110101199003071234, wrong check digit",
            "110105194912310021, X expected, a digit given",
            "44030819900307123X, X given, 5 expected",
            "440308199003071253, two neighbouring digits swapped",
            "11010519491231002, 17 characters",
            "11010519491231002X1, 19 characters",
            "1101051949123100XX, a letter among the first 17",
            "110105194913310021, month 13",
            "110101190002290011, 1900 had no 29 February",
            "'', empty"
    })
    void refuses(String number, String why) {
        assertThat(ResidentIdNumber.isValid(number)).as(why).isFalse();
    }

    @ParameterizedTest(name = "the check character of {0} is {1}")
    @CsvSource({"11010519491231002, X", "44030819900307123, 5", "31011519800101001, 6"})
    void computesTheCheckCharacter(String first17, char check) {
        assertThat(ResidentIdNumber.checkCharacter(first17 + "?")).isEqualTo(check);
    }
}
