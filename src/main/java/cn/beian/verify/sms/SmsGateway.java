package cn.beian.verify.sms;

/** The port through which codes leave the product. Called inside the transaction that issued the code. */
public interface SmsGateway {
  void send(OutgoingSms sms);
}
