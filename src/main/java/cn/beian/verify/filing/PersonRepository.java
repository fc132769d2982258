package cn.beian.verify.filing;

import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

@Repository
public class PersonRepository {
  private final JdbcTemplate jdbc;

  public PersonRepository(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public void insert(StoredPerson p) {
    jdbc.update("INSERT INTO filing_person (id, filing_id, role, website_ref, website_domain, website_changed, name_enc, "
            + "name_masked, phone_hash, phone_enc, phone_masked, id_type, id_number_enc, id_suffix_hash) "
            + "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        p.id(), p.filingId(), p.role().name(), p.websiteRef(), p.websiteDomain(), p.websiteChanged(), p.nameEnc(),
        p.nameMasked(), p.phoneHash(), p.phoneEnc(), p.phoneMasked(), p.idType(), p.idNumberEnc(), p.idSuffixHash());
  }

  /** in the order of the submission: the entity principal, then the websites' principals as listed (V5_4) */
  public List<StoredPerson> ofFiling(String filingId) {
    return jdbc.query("SELECT * FROM filing_person WHERE filing_id = ? ORDER BY seq",
        (rs, n) -> new StoredPerson(rs.getString("id"), rs.getString("filing_id"), PersonRole.valueOf(rs.getString("role")),
            rs.getString("website_ref"), rs.getString("website_domain"), rs.getBoolean("website_changed"),
            rs.getString("name_enc"), rs.getString("name_masked"), rs.getString("phone_hash"), rs.getString("phone_enc"),
            rs.getString("phone_masked"), rs.getString("id_type"), rs.getString("id_number_enc"),
            rs.getString("id_suffix_hash"), rs.getString("verifier_id")),
        filingId);
  }

  public void assignVerifier(String personId, String verifierId) {
    jdbc.update("UPDATE filing_person SET verifier_id = ? WHERE id = ?", verifierId, personId);
  }
}
