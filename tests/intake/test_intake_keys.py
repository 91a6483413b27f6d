import base64
import stat

import pytest

from intake.crypto.keys import (
    ENV_KEY_DIR,
    ENV_PRIVATE_KEY_FILES,
    ENV_PRIVATE_KEYS,
    ENV_PUBLIC_KEY,
    ENV_PUBLIC_KEY_FILE,
    KeyConfigurationError,
    PrivateKeyring,
    assert_public_tier_has_no_private_key,
    encode_private_key,
    encode_public_key,
    generate_keypair,
    key_id,
    load_private_keyring,
    load_public_keyring,
    write_keypair,
)


@pytest.fixture
def keypair():
    return generate_keypair()


def test_kid_is_16_hex_chars_and_stable_for_the_same_public_key(keypair):
    _, public = keypair
    kid = key_id(public)
    assert len(kid) == 16
    int(kid, 16)
    assert key_id(type(public)(bytes(public))) == kid


def test_different_keys_get_different_kids():
    assert key_id(generate_keypair()[1]) != key_id(generate_keypair()[1])


def test_write_keypair_writes_named_files_and_private_key_is_owner_only(tmp_path, keypair):
    private, public = keypair
    kid, public_path, private_path = write_keypair(tmp_path, private)
    assert kid == key_id(public)
    assert public_path.name == f"intake-{kid}.pub"
    assert private_path.name == f"intake-{kid}.key"
    assert stat.S_IMODE(private_path.stat().st_mode) == 0o600
    assert public_path.read_text().strip() == encode_public_key(public)
    assert private_path.read_text().strip() == encode_private_key(private)


def test_write_keypair_refuses_to_overwrite_existing_key_files(tmp_path, keypair):
    private, _ = keypair
    _, _, private_path = write_keypair(tmp_path, private)
    before = private_path.read_bytes()
    with pytest.raises(KeyConfigurationError, match="already exists"):
        write_keypair(tmp_path, private)
    assert private_path.read_bytes() == before


def test_public_keyring_loads_from_inline_variable(keypair):
    _, public = keypair
    keyring = load_public_keyring({ENV_PUBLIC_KEY: encode_public_key(public)})
    assert keyring.kid == key_id(public)


def test_public_keyring_loads_from_written_file(tmp_path, keypair):
    kid, public_path, _ = write_keypair(tmp_path, keypair[0])
    keyring = load_public_keyring({ENV_PUBLIC_KEY_FILE: str(public_path)})
    assert keyring.kid == kid


def _raw(key_bytes: bytes, tag: str = "intake-public-v1:") -> str:
    return tag + base64.b64encode(key_bytes).decode()


@pytest.mark.parametrize(
    ("value", "message"),
    [
        pytest.param("intake-public-v1:not base64!!", "not valid base64", id="bad-base64"),
        pytest.param(_raw(b"x" * 31), "31 bytes; expected 32", id="short"),
        pytest.param(_raw(b"x" * 33), "33 bytes; expected 32", id="long"),
        pytest.param(
            base64.b64encode(b"x" * 32).decode(), "not an intake public key", id="untagged"
        ),
        pytest.param(_raw(b"x" * 32, "intake-private-v1:"), "private key was given", id="private"),
    ],
)
def test_malformed_public_key_is_refused_with_a_clear_error(value, message):
    with pytest.raises(KeyConfigurationError, match=message):
        load_public_keyring({ENV_PUBLIC_KEY: value})


def test_public_key_error_never_echoes_the_key_material(keypair):
    private, _ = keypair
    encoded = encode_private_key(private)
    with pytest.raises(KeyConfigurationError) as excinfo:
        load_public_keyring({ENV_PUBLIC_KEY: encoded})
    assert encoded.split(":", 1)[1] not in str(excinfo.value)


def test_public_key_given_where_private_expected_is_refused(keypair):
    _, public = keypair
    with pytest.raises(KeyConfigurationError, match="public key was given"):
        load_private_keyring({ENV_PRIVATE_KEYS: encode_public_key(public)})


@pytest.mark.parametrize(
    "env",
    [
        pytest.param({}, id="nothing"),
        pytest.param({ENV_PUBLIC_KEY: "   "}, id="blank"),
    ],
)
def test_missing_public_key_is_refused(env):
    with pytest.raises(KeyConfigurationError, match="No intake public key"):
        load_public_keyring(env)


def test_public_key_inline_and_file_together_is_ambiguous(tmp_path, keypair):
    _, public_path, _ = write_keypair(tmp_path, keypair[0])
    env = {ENV_PUBLIC_KEY: encode_public_key(keypair[1]), ENV_PUBLIC_KEY_FILE: str(public_path)}
    with pytest.raises(KeyConfigurationError, match="only one"):
        load_public_keyring(env)


def test_private_keyring_merges_inline_keys_files_and_directory(tmp_path):
    inline_a, inline_b = generate_keypair()[0], generate_keypair()[0]
    file_dir, key_dir = tmp_path / "files", tmp_path / "dir"
    file_dir.mkdir()
    key_dir.mkdir()
    file_kid, _, file_path = write_keypair(file_dir)
    dir_kid_1, _, _ = write_keypair(key_dir)
    dir_kid_2, _, _ = write_keypair(key_dir)
    env = {
        ENV_PRIVATE_KEYS: f"{encode_private_key(inline_a)}, {encode_private_key(inline_b)}",
        ENV_PRIVATE_KEY_FILES: str(file_path),
        ENV_KEY_DIR: str(key_dir),
    }
    keyring = load_private_keyring(env)
    assert keyring.kids == {
        key_id(inline_a.public_key),
        key_id(inline_b.public_key),
        file_kid,
        dir_kid_1,
        dir_kid_2,
    }


def test_missing_private_keys_are_refused():
    with pytest.raises(KeyConfigurationError, match="No intake private key"):
        load_private_keyring({})


def test_private_key_file_readable_by_others_is_refused(tmp_path):
    _, _, private_path = write_keypair(tmp_path)
    private_path.chmod(0o644)
    with pytest.raises(KeyConfigurationError, match="chmod 600"):
        load_private_keyring({ENV_PRIVATE_KEY_FILES: str(private_path)})


def test_private_key_file_whose_name_disagrees_with_its_key_is_refused(tmp_path):
    _, _, private_path = write_keypair(tmp_path)
    renamed = private_path.with_name("intake-0000000000000000.key")
    private_path.rename(renamed)
    with pytest.raises(KeyConfigurationError, match="does not match"):
        load_private_keyring({ENV_PRIVATE_KEY_FILES: str(renamed)})


def test_empty_key_directory_is_refused(tmp_path):
    with pytest.raises(KeyConfigurationError, match=r"no \*\.key files"):
        load_private_keyring({ENV_KEY_DIR: str(tmp_path)})


def test_private_keyring_repr_shows_kids_but_no_key_material(keypair):
    private, _ = keypair
    text = repr(PrivateKeyring([private]))
    assert key_id(private.public_key) in text
    assert base64.b64encode(bytes(private)).decode() not in text
    assert bytes(private).hex() not in text


@pytest.mark.parametrize("variable", [ENV_PRIVATE_KEYS, ENV_PRIVATE_KEY_FILES, ENV_KEY_DIR])
def test_public_tier_refuses_to_start_with_any_private_key_variable_set(variable):
    with pytest.raises(KeyConfigurationError, match=variable):
        assert_public_tier_has_no_private_key({variable: "something"})


def test_public_tier_refuses_a_private_key_in_the_public_key_variable(keypair):
    env = {ENV_PUBLIC_KEY: encode_private_key(keypair[0])}
    with pytest.raises(KeyConfigurationError, match="holds a private key"):
        assert_public_tier_has_no_private_key(env)


def test_public_tier_refuses_when_private_key_file_sits_next_to_public_key(tmp_path):
    _, public_path, private_path = write_keypair(tmp_path)
    with pytest.raises(KeyConfigurationError, match=private_path.name):
        assert_public_tier_has_no_private_key({ENV_PUBLIC_KEY_FILE: str(public_path)})


def test_public_tier_refuses_a_private_key_file_named_as_public_key_file(tmp_path):
    _, _, private_path = write_keypair(tmp_path)
    with pytest.raises(KeyConfigurationError, match="private key file"):
        assert_public_tier_has_no_private_key({ENV_PUBLIC_KEY_FILE: str(private_path)})


def test_public_tier_starts_with_only_a_public_key(tmp_path, keypair):
    _, public_path, private_path = write_keypair(tmp_path, keypair[0])
    private_path.unlink()
    assert_public_tier_has_no_private_key({ENV_PUBLIC_KEY_FILE: str(public_path)})
    assert_public_tier_has_no_private_key(
        {ENV_PUBLIC_KEY: encode_public_key(keypair[1]), ENV_PRIVATE_KEYS: ""}
    )


def test_public_tier_refuses_a_private_key_inside_the_public_key_file(tmp_path, keypair):
    disguised = tmp_path / "public" / "intake.pub"
    disguised.parent.mkdir()
    disguised.write_text(encode_private_key(keypair[0]))
    with pytest.raises(KeyConfigurationError, match="holds a private key"):
        assert_public_tier_has_no_private_key({ENV_PUBLIC_KEY_FILE: str(disguised)})
